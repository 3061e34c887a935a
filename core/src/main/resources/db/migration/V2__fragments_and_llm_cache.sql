-- Fragments are the facts: one row per entity or relation mention in a chunk. Entities and relations are views
-- of them, so deleting a chunk (and with it its fragments) takes back exactly what it said.
ALTER TABLE chunks ADD COLUMN keywords text NOT NULL DEFAULT '';
-- which extractor (and prompt version, model) produced the chunk's fragments; a change re-extracts them
ALTER TABLE chunks ADD COLUMN extractor text NOT NULL DEFAULT '';

CREATE TABLE fragments (
    workspace   text             NOT NULL,
    path        text             NOT NULL,
    chunk_id    text             NOT NULL,
    kind        text             NOT NULL CHECK (kind IN ('entity', 'relation')),
    -- identity: the normalised entity name, or both normalised names of a relation joined by U+001F
    key         text             NOT NULL,
    name        text             NOT NULL,
    target      text             NOT NULL DEFAULT '',
    type        text             NOT NULL DEFAULT '',
    description text             NOT NULL DEFAULT '',
    keywords    text             NOT NULL DEFAULT '',
    weight      double precision NOT NULL DEFAULT 1,
    PRIMARY KEY (workspace, path, chunk_id, kind, key),
    FOREIGN KEY (workspace, path, chunk_id) REFERENCES chunks (workspace, path, chunk_id) ON DELETE CASCADE
);
CREATE INDEX fragments_by_key ON fragments (workspace, kind, key);

-- Parsed extraction results per chunk text, so unchanged text is never paid for twice, whichever file holds it.
CREATE TABLE llm_cache (
    workspace  text        NOT NULL,
    cache_key  text        NOT NULL,
    extractor  text        NOT NULL,
    result     text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (workspace, cache_key)
);
