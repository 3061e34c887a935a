package dev.hybridrag.query.retrieval;

import dev.hybridrag.core.storage.ScoredChunk;
import dev.hybridrag.core.storage.ScoredEntity;
import dev.hybridrag.core.storage.ScoredRelation;
import java.util.List;

/** What a query retrieved, ranked and cut to its token budgets. */
public record RetrievedContext(
        List<ScoredEntity> entities, List<ScoredRelation> relations, List<ScoredChunk> chunks, QueryKeywords keywords) {

    public static RetrievedContext empty(QueryKeywords keywords) {
        return new RetrievedContext(List.of(), List.of(), List.of(), keywords);
    }
}
