-- Entities and relations are materialised views of their fragments, rebuilt key by key.
CREATE TABLE entities (
    workspace       text             NOT NULL,
    key             text             NOT NULL,
    name            text             NOT NULL,
    type            text             NOT NULL,
    description     text             NOT NULL,
    weight          double precision NOT NULL,
    fragment_count  integer          NOT NULL,
    source_chunks   text[]           NOT NULL,
    source_files    text[]           NOT NULL,
    -- hash of the text that was embedded: an unchanged text is not embedded again
    embedded_hash   text             NOT NULL,
    embedding_model text             NOT NULL,
    embedding_dim   integer          NOT NULL,
    embedding       vector           NOT NULL,
    updated_at      timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (workspace, key)
);
CREATE INDEX entities_embedding_hnsw_384 ON entities
    USING hnsw ((embedding::vector(384)) vector_cosine_ops) WHERE embedding_dim = 384;
CREATE INDEX entities_name ON entities (workspace, lower(name) text_pattern_ops);

CREATE TABLE relations (
    workspace       text             NOT NULL,
    key             text             NOT NULL,
    source          text             NOT NULL,
    target          text             NOT NULL,
    source_key      text             NOT NULL,
    target_key      text             NOT NULL,
    keywords        text             NOT NULL,
    description     text             NOT NULL,
    weight          double precision NOT NULL,
    fragment_count  integer          NOT NULL,
    source_chunks   text[]           NOT NULL,
    source_files    text[]           NOT NULL,
    embedded_hash   text             NOT NULL,
    embedding_model text             NOT NULL,
    embedding_dim   integer          NOT NULL,
    embedding       vector           NOT NULL,
    updated_at      timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (workspace, key)
);
CREATE INDEX relations_embedding_hnsw_384 ON relations
    USING hnsw ((embedding::vector(384)) vector_cosine_ops) WHERE embedding_dim = 384;
CREATE INDEX relations_by_source ON relations (workspace, source_key);
CREATE INDEX relations_by_target ON relations (workspace, target_key);

-- The dirty set, written in the same transaction as the fragments that made a key dirty (an outbox): a key is
-- rebuilt at least once after every change, and a burst of changes to one key leaves one row, so it is rebuilt
-- once for many (85 deletes touching one entity mark it dirty once).
CREATE TABLE graph_dirty (
    workspace text        NOT NULL,
    kind      text        NOT NULL,
    key       text        NOT NULL,
    marked_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (workspace, kind, key)
);
