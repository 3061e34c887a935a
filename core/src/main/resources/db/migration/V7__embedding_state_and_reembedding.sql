-- Which embedding model each tenant's stored vectors are in: what queries must embed a question with. While a
-- changed model is rolled out (re-embedding), also the model the vectors are moving to and how far it got. Provider
-- settings are kept without the key, so the old model can still embed questions until the switch (docs/embeddings.md).
CREATE TABLE embedding_state (
    workspace          text        PRIMARY KEY,
    provider           text        NOT NULL,
    model              text        NOT NULL,
    base_url           text        NOT NULL,
    api_version        text        NOT NULL,
    dim                integer     NOT NULL,
    -- all null unless re-embedding
    target_provider    text,
    target_model       text,
    target_base_url    text,
    target_api_version text,
    target_dim         integer,
    total              bigint      NOT NULL DEFAULT 0,
    done               bigint      NOT NULL DEFAULT 0,
    started_at         timestamptz,
    updated_at         timestamptz NOT NULL DEFAULT now()
);

-- Vectors re-embedding has computed in the new model, kept apart until the switch moves them all into chunks,
-- entities and relations in one transaction. What is here is done: a restarted re-embedder carries on from it.
CREATE TABLE reembed_vectors (
    workspace     text    NOT NULL,
    kind          text    NOT NULL CHECK (kind IN ('chunk', 'entity', 'relation')),
    -- chunks: their path; '' for entities and relations
    path          text    NOT NULL,
    -- chunks: the chunk id; entities and relations: their key
    key           text    NOT NULL,
    model         text    NOT NULL,
    -- the embedded text's hash; an entity or relation whose text changed since is embedded again
    embedded_hash text    NOT NULL,
    embedding_dim integer NOT NULL,
    embedding     vector  NOT NULL,
    PRIMARY KEY (workspace, kind, path, key)
);
