package dev.hybridrag.query.retrieval;

import dev.hybridrag.core.storage.ScoredChunk;
import dev.hybridrag.core.storage.ScoredEntity;
import dev.hybridrag.core.storage.ScoredRelation;
import java.util.List;

/**
 * What a query retrieved, ranked and cut to its token budgets.
 *
 * @param recordTokens the tokens its entities, relations and chunks take in the answer prompt, as the budgets
 *     counted them; -1 when not counted yet
 */
public record RetrievedContext(
        List<ScoredEntity> entities,
        List<ScoredRelation> relations,
        List<ScoredChunk> chunks,
        QueryKeywords keywords,
        int recordTokens) {

    /** A context whose tokens are counted when asked for. */
    public RetrievedContext(
            List<ScoredEntity> entities,
            List<ScoredRelation> relations,
            List<ScoredChunk> chunks,
            QueryKeywords keywords) {
        this(entities, relations, chunks, keywords, -1);
    }

    public static RetrievedContext empty(QueryKeywords keywords) {
        return new RetrievedContext(List.of(), List.of(), List.of(), keywords, 0);
    }
}
