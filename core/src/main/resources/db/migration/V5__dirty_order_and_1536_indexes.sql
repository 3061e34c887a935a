-- Claims take the oldest due keys of a workspace.
CREATE INDEX graph_dirty_due ON graph_dirty (workspace, marked_at);

-- OpenAI's text-embedding-3-small and ada-002 vectors (1536 dimensions) get their own partial HNSW indexes.
CREATE INDEX chunks_embedding_hnsw_1536 ON chunks
    USING hnsw ((embedding::vector(1536)) vector_cosine_ops) WHERE embedding_dim = 1536;
CREATE INDEX entities_embedding_hnsw_1536 ON entities
    USING hnsw ((embedding::vector(1536)) vector_cosine_ops) WHERE embedding_dim = 1536;
CREATE INDEX relations_embedding_hnsw_1536 ON relations
    USING hnsw ((embedding::vector(1536)) vector_cosine_ops) WHERE embedding_dim = 1536;
