package dev.hybridrag.query.retrieval;

import dev.hybridrag.core.config.Environment;
import dev.hybridrag.core.config.Settings;
import dev.hybridrag.core.storage.LexicalSearch;
import dev.hybridrag.core.storage.VectorScan;

/**
 * How retrieval fuses and searches, from the environment (docs/configuration.md, measured in
 * docs/benchmarks/qa-eval.md and query.md).
 *
 * @param fusionK reciprocal rank fusion's k
 * @param vectorWeight weight of vector search in every fused ranking
 * @param lexicalWeight weight of full-text search in every fused ranking
 * @param graphWeight weight of the graph's chunks in mix mode's chunk ranking
 * @param voteWeight weight of the graph's votes beside vector and full text when ordering the graph's chunks
 * @param lexicalCandidates at most how many rows a full-text search ranks (0: no bound)
 * @param exactMaxVectors a tenant with at most this many vectors of a kind is searched exactly
 * @param efSearch the HNSW candidate list of the chunk and relation searches above that size
 * @param entityEfSearch the HNSW candidate list of the entity search above that size
 * @param rerankCandidates fused chunks a tenant's reranker scores per query
 */
public record RetrievalSettings(
        double fusionK,
        double vectorWeight,
        double lexicalWeight,
        double graphWeight,
        double voteWeight,
        long lexicalCandidates,
        long exactMaxVectors,
        int efSearch,
        int entityEfSearch,
        int rerankCandidates) {

    public static final RetrievalSettings DEFAULTS = from(new Environment(java.util.Map.of()));

    public static RetrievalSettings from(Environment environment) {
        return new RetrievalSettings(
                environment.getDouble(Settings.FUSION_K),
                environment.getDouble(Settings.FUSION_VECTOR_WEIGHT),
                environment.getDouble(Settings.FUSION_LEXICAL_WEIGHT),
                environment.getDouble(Settings.FUSION_GRAPH_WEIGHT),
                environment.getDouble(Settings.FUSION_VOTE_WEIGHT),
                environment.getInt(Settings.LEXICAL_CANDIDATES),
                environment.getInt(Settings.EXACT_SEARCH_MAX_VECTORS),
                environment.getInt(Settings.HNSW_EF_SEARCH),
                environment.getInt(Settings.HNSW_EF_SEARCH_ENTITIES),
                environment.getInt(Settings.RERANK_CANDIDATES));
    }

    /** The full-text search of these settings. */
    public LexicalSearch lexicalSearch() {
        return new LexicalSearch(lexicalCandidates == 0 ? Long.MAX_VALUE : lexicalCandidates);
    }

    /** How to search {@code table} holding this many vectors: exactly below the size, else its index. */
    public VectorScan scanFor(String table, long vectors) {
        return vectors <= exactMaxVectors ? VectorScan.allRows() : VectorScan.index(efSearch(table));
    }

    /** The measured candidate list of the table's HNSW search (docs/retrieval.md). */
    public int efSearch(String table) {
        return table.equals("entities") ? entityEfSearch : efSearch;
    }
}
