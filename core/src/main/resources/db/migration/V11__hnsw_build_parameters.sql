-- Every HNSW index of the vector tables, whatever its dimension (the migrations' 384 and 1536, and those
-- VectorIndexes made for other models), rebuilt with the build parameters measured in docs/benchmarks/query.md;
-- VectorIndexes.BUILD_OPTIONS gives new dimensions' indexes the same. With pgvector's defaults (m 16,
-- ef_construction 64) the chunk search of a 100,000-chunk tenant found 0.90 of the exact 20 nearest even at
-- hnsw.ef_search 400.
--
-- A rebuild holds the table's writes while it runs: minutes for a tenant of 100,000 chunks on two cores, once,
-- when the first service of the new version starts (docs/retrieval.md). Built by the leader alone: never with
-- parallel workers while pgvector is older than 0.8.2 (CVE-2026-3172; SchemaMigrator sets none).
SET LOCAL maintenance_work_mem = '512MB';

DO $$
DECLARE
    index_name text;
BEGIN
    FOR index_name IN
        SELECT i.relname
        FROM pg_index x
        JOIN pg_class i ON i.oid = x.indexrelid
        JOIN pg_class t ON t.oid = x.indrelid
        JOIN pg_am am ON am.oid = i.relam
        WHERE am.amname = 'hnsw' AND t.relname IN ('chunks', 'entities', 'relations') AND pg_table_is_visible(t.oid)
        ORDER BY 1
    LOOP
        EXECUTE format('ALTER INDEX %I SET (m = 16, ef_construction = 128)', index_name);
        EXECUTE format('REINDEX INDEX %I', index_name);
    END LOOP;
END
$$;
