package dev.hybridrag.query.retrieval;

import dev.hybridrag.core.chunk.TokenCounter;
import dev.hybridrag.core.storage.ScoredChunk;
import dev.hybridrag.core.storage.ScoredEntity;
import dev.hybridrag.core.storage.ScoredRelation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Cuts ranked records to token budgets, counted with the tokenizer ingestion uses. Records are kept whole, in
 * rank order, until the next one would not fit: never cut mid-record.
 */
final class ContextBudget {

    /** Room kept for the prompt around the context (instructions, the question, formatting). */
    static final int PROMPT_RESERVE = 1000;

    private final TokenCounter tokens = new TokenCounter();
    private final RememberedTokens records = new RememberedTokens();

    static String render(ScoredEntity entity) {
        return entity.name() + " (" + entity.type() + "): " + entity.description();
    }

    static String render(ScoredRelation relation) {
        return relation.source() + " - " + relation.target() + " [" + relation.keywords() + "]: "
                + relation.description();
    }

    /**
     * Entities, then relations, then chunks, each within its own budget and all within the total. Each record is
     * counted once, and the result remembers what its records take, so {@link #cost} need not count them again.
     */
    RetrievedContext fit(RetrievedContext context, RetrievalOptions options, String query) {
        int left = Math.max(0, options.maxTotalTokens() - PROMPT_RESERVE - tokens.count(query));
        Kept<ScoredEntity> entities = keep(context.entities(), this::tokens, Math.min(options.maxEntityTokens(), left));
        left -= entities.tokens();
        Kept<ScoredRelation> relations =
                keep(context.relations(), this::tokens, Math.min(options.maxRelationTokens(), left));
        left -= relations.tokens();
        Kept<ScoredChunk> chunks = keep(context.chunks(), ContextBudget::tokens, left);
        return new RetrievedContext(
                entities.records(),
                relations.records(),
                chunks.records(),
                context.keywords(),
                entities.tokens() + relations.tokens() + chunks.tokens());
    }

    /** Total tokens of a context as the answer prompt renders it. */
    int cost(RetrievedContext context, String query) {
        int records = context.recordTokens() >= 0
                ? context.recordTokens()
                : cost(context.entities(), this::tokens)
                        + cost(context.relations(), this::tokens)
                        + cost(context.chunks(), ContextBudget::tokens);
        return PROMPT_RESERVE + tokens.count(query) + records;
    }

    private int tokens(ScoredEntity entity) {
        return records.count(render(entity));
    }

    private int tokens(ScoredRelation relation) {
        return records.count(render(relation));
    }

    // A chunk renders as its content, which ingestion counted with this tokenizer when it cut the chunk.
    private static int tokens(ScoredChunk chunk) {
        return chunk.tokens();
    }

    private record Kept<T>(List<T> records, int tokens) {}

    private static <T> Kept<T> keep(List<T> ranked, ToIntFunction<T> tokens, int budget) {
        List<T> kept = new ArrayList<>();
        int used = 0;
        for (T record : ranked) {
            int cost = tokens.applyAsInt(record) + 1;
            if (used + cost > budget) {
                break;
            }
            kept.add(record);
            used += cost;
        }
        return new Kept<>(kept, used);
    }

    private static <T> int cost(List<T> records, ToIntFunction<T> tokens) {
        return records.stream().mapToInt(r -> tokens.applyAsInt(r) + 1).sum();
    }
}
