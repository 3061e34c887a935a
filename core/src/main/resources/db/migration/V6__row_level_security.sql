-- The second wall of workspace mode (docs/isolation.md): every table holding tenant rows shows and accepts only the
-- rows of the workspace the session names in `hybridrag.workspace`. The application sets it whenever it takes a
-- connection for a tenant (WorkspaceDataSource); a session that never set it sees nothing and can write nothing.
-- FORCE makes the tables' owner obey the policy too; only superusers and BYPASSRLS roles pass, and the role services
-- use for a shared database is neither (backend init makes it so). Foreign keys and unique checks are not filtered.
-- A table added later with a workspace column needs the same three statements (RowLevelSecurityIT checks it).
ALTER TABLE documents ENABLE ROW LEVEL SECURITY;
ALTER TABLE documents FORCE ROW LEVEL SECURITY;
CREATE POLICY workspace_isolation ON documents
    USING (workspace = current_setting('hybridrag.workspace', true))
    WITH CHECK (workspace = current_setting('hybridrag.workspace', true));

ALTER TABLE chunks ENABLE ROW LEVEL SECURITY;
ALTER TABLE chunks FORCE ROW LEVEL SECURITY;
CREATE POLICY workspace_isolation ON chunks
    USING (workspace = current_setting('hybridrag.workspace', true))
    WITH CHECK (workspace = current_setting('hybridrag.workspace', true));

ALTER TABLE fragments ENABLE ROW LEVEL SECURITY;
ALTER TABLE fragments FORCE ROW LEVEL SECURITY;
CREATE POLICY workspace_isolation ON fragments
    USING (workspace = current_setting('hybridrag.workspace', true))
    WITH CHECK (workspace = current_setting('hybridrag.workspace', true));

ALTER TABLE llm_cache ENABLE ROW LEVEL SECURITY;
ALTER TABLE llm_cache FORCE ROW LEVEL SECURITY;
CREATE POLICY workspace_isolation ON llm_cache
    USING (workspace = current_setting('hybridrag.workspace', true))
    WITH CHECK (workspace = current_setting('hybridrag.workspace', true));

ALTER TABLE entities ENABLE ROW LEVEL SECURITY;
ALTER TABLE entities FORCE ROW LEVEL SECURITY;
CREATE POLICY workspace_isolation ON entities
    USING (workspace = current_setting('hybridrag.workspace', true))
    WITH CHECK (workspace = current_setting('hybridrag.workspace', true));

ALTER TABLE relations ENABLE ROW LEVEL SECURITY;
ALTER TABLE relations FORCE ROW LEVEL SECURITY;
CREATE POLICY workspace_isolation ON relations
    USING (workspace = current_setting('hybridrag.workspace', true))
    WITH CHECK (workspace = current_setting('hybridrag.workspace', true));

ALTER TABLE graph_dirty ENABLE ROW LEVEL SECURITY;
ALTER TABLE graph_dirty FORCE ROW LEVEL SECURITY;
CREATE POLICY workspace_isolation ON graph_dirty
    USING (workspace = current_setting('hybridrag.workspace', true))
    WITH CHECK (workspace = current_setting('hybridrag.workspace', true));
