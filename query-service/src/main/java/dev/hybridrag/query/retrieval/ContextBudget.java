package dev.hybridrag.query.retrieval;

import dev.hybridrag.core.chunk.TokenCounter;
import dev.hybridrag.core.storage.ScoredChunk;
import dev.hybridrag.core.storage.ScoredEntity;
import dev.hybridrag.core.storage.ScoredRelation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Cuts ranked records to token budgets, counted with the tokenizer ingestion uses. Records are kept whole, in
 * rank order, until the next one would not fit: never cut mid-record.
 */
final class ContextBudget {

    /** Room kept for the prompt around the context (instructions, the question, formatting). */
    static final int PROMPT_RESERVE = 1000;

    private final TokenCounter tokens = new TokenCounter();

    static String render(ScoredEntity entity) {
        return entity.name() + " (" + entity.type() + "): " + entity.description();
    }

    static String render(ScoredRelation relation) {
        return relation.source() + " - " + relation.target() + " [" + relation.keywords() + "]: "
                + relation.description();
    }

    static String render(ScoredChunk chunk) {
        return chunk.content();
    }

    /** Entities, then relations, then chunks, each within its own budget and all within the total. */
    RetrievedContext fit(RetrievedContext context, RetrievalOptions options, String query) {
        int left = Math.max(0, options.maxTotalTokens() - PROMPT_RESERVE - tokens.count(query));
        List<ScoredEntity> entities =
                keep(context.entities(), ContextBudget::render, Math.min(options.maxEntityTokens(), left));
        left -= cost(entities, ContextBudget::render);
        List<ScoredRelation> relations =
                keep(context.relations(), ContextBudget::render, Math.min(options.maxRelationTokens(), left));
        left -= cost(relations, ContextBudget::render);
        List<ScoredChunk> chunks = keep(context.chunks(), ContextBudget::render, left);
        return new RetrievedContext(entities, relations, chunks, context.keywords());
    }

    /** Total tokens of a context as the answer prompt renders it. */
    int cost(RetrievedContext context, String query) {
        return PROMPT_RESERVE
                + tokens.count(query)
                + cost(context.entities(), ContextBudget::render)
                + cost(context.relations(), ContextBudget::render)
                + cost(context.chunks(), ContextBudget::render);
    }

    private <T> List<T> keep(List<T> ranked, Function<T, String> render, int budget) {
        List<T> kept = new ArrayList<>();
        int used = 0;
        for (T record : ranked) {
            int cost = tokens.count(render.apply(record)) + 1;
            if (used + cost > budget) {
                break;
            }
            kept.add(record);
            used += cost;
        }
        return kept;
    }

    private <T> int cost(List<T> records, Function<T, String> render) {
        return records.stream().mapToInt(r -> tokens.count(render.apply(r)) + 1).sum();
    }
}
