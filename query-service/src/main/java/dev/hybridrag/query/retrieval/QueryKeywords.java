package dev.hybridrag.query.retrieval;

import dev.hybridrag.core.extract.ChunkExtractor;
import dev.hybridrag.core.extract.ExtractedEntity;
import java.util.List;

/**
 * LightRAG's two kinds of query keywords: low-level (the specific names a question is about, matched against
 * entities) and high-level (its themes, matched against relations). Offline, the low-level ones are the names the
 * heuristic extractor finds in the question, and the question itself stands for the themes.
 */
public record QueryKeywords(List<String> highLevel, List<String> lowLevel) {

    public QueryKeywords {
        highLevel = List.copyOf(highLevel);
        lowLevel = List.copyOf(lowLevel);
    }

    /** Where a question's keywords come from: the tenant's LLM, or offline the heuristic extractor. */
    @FunctionalInterface
    public interface Source {
        QueryKeywords of(String query) throws Exception;
    }

    /** The offline source: names the heuristic extractor finds in the question. */
    public static Source offline(ChunkExtractor names) {
        return query -> offline(query, names);
    }

    static QueryKeywords offline(String query, ChunkExtractor names) throws Exception {
        List<String> found = names.extract(query).entities().stream()
                .map(ExtractedEntity::name)
                .toList();
        return new QueryKeywords(List.of(query), found.isEmpty() ? List.of(query) : found);
    }

    String lowLevelText() {
        return String.join(", ", lowLevel);
    }

    String highLevelText() {
        return String.join(", ", highLevel);
    }
}
