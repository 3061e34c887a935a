package dev.hybridrag.core.storage;

/**
 * How a nearest-vector search reads a tenant's rows: all of them (exact, no recall lost; what a small tenant should
 * do, and the only way a small tenant among millions of other tenants' rows finds its own), or through the
 * dimension's HNSW index with iterative scans and a candidate list of {@code efSearch}. docs/benchmarks/query.md
 * measures where one beats the other.
 */
public record VectorScan(boolean exact, int efSearch) {

    /** The index with pgvector's iterative scan and a candidate list of 100 (what searches used before V10). */
    public static final VectorScan INDEX = index(100);

    public VectorScan {
        if (efSearch < 1 || efSearch > 1000) {
            throw new IllegalArgumentException("hnsw.ef_search must be between 1 and 1000, not " + efSearch);
        }
    }

    public static VectorScan allRows() {
        return new VectorScan(true, 100);
    }

    public static VectorScan index(int efSearch) {
        return new VectorScan(false, efSearch);
    }

    /**
     * The distance a search orders by. Cast to the dimension, it is the partial HNSW index's expression, so the
     * planner uses the index; uncast, no index matches and the tenant's rows are compared one by one.
     */
    String distance(int dimension) {
        return exact
                ? "embedding <=> ?::vector"
                : "embedding::%1$s <=> ?::%1$s".formatted(VectorIndexes.searchType(dimension));
    }

    /**
     * The statement that sets the scan's options for the rest of the transaction, sent ahead of the search in the
     * same round trip ({@link GraphQueries#nearest}): without an explicit transaction, the statements before one Sync
     * share an implicit one, so the options last exactly as long as the search. Empty for an exact scan. One round
     * trip instead of BEGIN, two SET LOCAL and COMMIT: with both cores busy, each round trip on a search's path waited
     * for a time slice (docs/benchmarks/query-cpu.md).
     */
    String settings(int limit) {
        if (exact) {
            return "";
        }
        // Filtering by workspace after the index scan could otherwise return fewer rows than asked.
        int candidates = Math.max(efSearch, Math.min(1000, limit));
        return "SELECT set_config('hnsw.iterative_scan', 'relaxed_order', true), set_config('hnsw.ef_search', '"
                + candidates + "', true);\n";
    }
}
