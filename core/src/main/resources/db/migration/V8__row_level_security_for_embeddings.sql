-- The tables V7 added hold tenant rows too: the same wall as V6's (docs/isolation.md).
ALTER TABLE embedding_state ENABLE ROW LEVEL SECURITY;
ALTER TABLE embedding_state FORCE ROW LEVEL SECURITY;
CREATE POLICY workspace_isolation ON embedding_state
    USING (workspace = current_setting('hybridrag.workspace', true))
    WITH CHECK (workspace = current_setting('hybridrag.workspace', true));

ALTER TABLE reembed_vectors ENABLE ROW LEVEL SECURITY;
ALTER TABLE reembed_vectors FORCE ROW LEVEL SECURITY;
CREATE POLICY workspace_isolation ON reembed_vectors
    USING (workspace = current_setting('hybridrag.workspace', true))
    WITH CHECK (workspace = current_setting('hybridrag.workspace', true));
