-- Full-text search beside vector search (docs/retrieval.md): a tsvector per chunk, entity and relation, kept by
-- triggers so every writer (indexer, materialiser, re-embedder, archive restore, COPY) fills it the same way.
-- The 'english' configuration stems words ("statuses" finds "status") and keeps file names, versions and hyphenated
-- words whole ("tasks.md", "v1.2", "foo-bar" beside "foo" and "bar"); slashes are read as spaces first, so a path is
-- its parts ("process/tasks.md" holds "tasks.md"). The question goes through the same function (text_lexemes), so
-- identifiers, flags and error codes are found as written.
--
-- Adding the columns is instant: existing rows start with NULL, and the indexer's lexical backfill fills them in
-- the background, in small batches, tenant by tenant (rows waiting are in the small partial index below). A row
-- waiting for its turn is found by vector search only.

-- btree_gin lets one GIN index hold (workspace, lexemes): a tenant's search reads its own postings, not those of
-- every tenant sharing the table. It is a trusted extension: the database's owner may create it.
CREATE EXTENSION IF NOT EXISTS btree_gin;

CREATE FUNCTION text_lexemes(content text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN to_tsvector('english'::regconfig, translate(content, '/\', '  '));

-- A chunk's document path counts as words of its own, weighted above its text (A over the text's default D): a
-- SpecStory file is named after its conversation ("2025-04-29_17-36-bug-fixing-rule-create-failing-tests-first.md"),
-- and a note's path says what it is about ("mcp/ports.md").
CREATE FUNCTION chunk_lexemes(path text, content text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN setweight(text_lexemes(regexp_replace(path, '[-_./\\]+', ' ', 'g')), 'A') || text_lexemes(content);

-- Names weigh most (A), then keywords (B), then descriptions (D): a name matched as written ranks first.
CREATE FUNCTION entity_lexemes(name text, type text, description text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN setweight(text_lexemes(name), 'A') || setweight(text_lexemes(type), 'B')
        || setweight(text_lexemes(description), 'D');

CREATE FUNCTION relation_lexemes(source text, target text, keywords text, description text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN setweight(text_lexemes(source || ' ' || target), 'A') || setweight(text_lexemes(keywords), 'B')
        || setweight(text_lexemes(description), 'D');

CREATE FUNCTION chunks_set_lexemes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.lexemes := chunk_lexemes(NEW.path, NEW.content);
    RETURN NEW;
END $$;

CREATE FUNCTION entities_set_lexemes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.lexemes := entity_lexemes(NEW.name, NEW.type, NEW.description);
    RETURN NEW;
END $$;

CREATE FUNCTION relations_set_lexemes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.lexemes := relation_lexemes(NEW.source, NEW.target, NEW.keywords, NEW.description);
    RETURN NEW;
END $$;

ALTER TABLE chunks ADD COLUMN lexemes tsvector;
ALTER TABLE entities ADD COLUMN lexemes tsvector;
ALTER TABLE relations ADD COLUMN lexemes tsvector;

CREATE TRIGGER chunks_lexemes BEFORE INSERT OR UPDATE OF path, content ON chunks
    FOR EACH ROW EXECUTE FUNCTION chunks_set_lexemes();
CREATE TRIGGER entities_lexemes BEFORE INSERT OR UPDATE OF name, type, description ON entities
    FOR EACH ROW EXECUTE FUNCTION entities_set_lexemes();
CREATE TRIGGER relations_lexemes BEFORE INSERT OR UPDATE OF source, target, keywords, description ON relations
    FOR EACH ROW EXECUTE FUNCTION relations_set_lexemes();

CREATE INDEX chunks_lexemes ON chunks USING gin (workspace, lexemes);
CREATE INDEX entities_lexemes ON entities USING gin (workspace, lexemes);
CREATE INDEX relations_lexemes ON relations USING gin (workspace, lexemes);

-- What the backfill still has to fill; empty once it is done, and new rows never enter it.
CREATE INDEX chunks_lexemes_missing ON chunks (workspace) WHERE lexemes IS NULL;
CREATE INDEX entities_lexemes_missing ON entities (workspace) WHERE lexemes IS NULL;
CREATE INDEX relations_lexemes_missing ON relations (workspace) WHERE lexemes IS NULL;
