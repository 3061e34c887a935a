-- Every row carries its tenant in `workspace`, in both isolation modes.
CREATE EXTENSION IF NOT EXISTS vector;

CREATE TABLE documents (
    workspace    text        NOT NULL,
    path         text        NOT NULL,
    content_hash text        NOT NULL,
    size_bytes   bigint      NOT NULL,
    mtime        timestamptz NOT NULL,
    -- grows with each observation of the path; a record with a lower version is stale and ignored
    version      bigint      NOT NULL,
    -- pending | processing | processed | failed | deleted (a tombstone that keeps the version)
    status       text        NOT NULL,
    error        text        NOT NULL DEFAULT '',
    chunk_count  integer     NOT NULL DEFAULT 0,
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (workspace, path)
);
CREATE INDEX documents_status ON documents (workspace, status);

CREATE TABLE chunks (
    workspace       text    NOT NULL,
    path            text    NOT NULL,
    chunk_id        text    NOT NULL,
    chunk_index     integer NOT NULL,
    content         text    NOT NULL,
    tokens          integer NOT NULL,
    embedding_model text    NOT NULL,
    -- vectors of different dimensions share the column; each dimension has its own partial HNSW index
    embedding_dim   integer NOT NULL,
    embedding       vector  NOT NULL,
    PRIMARY KEY (workspace, path, chunk_id),
    FOREIGN KEY (workspace, path) REFERENCES documents (workspace, path) ON DELETE CASCADE
);
CREATE INDEX chunks_by_id ON chunks (workspace, chunk_id);
CREATE INDEX chunks_embedding_hnsw_384 ON chunks
    USING hnsw ((embedding::vector(384)) vector_cosine_ops) WHERE embedding_dim = 384;
