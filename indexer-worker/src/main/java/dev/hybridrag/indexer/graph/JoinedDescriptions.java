package dev.hybridrag.indexer.graph;

import dev.hybridrag.core.chunk.TokenCounter;
import java.util.List;

/**
 * Merges descriptions without an LLM: joins them, in their stable order, up to a token budget. Used for offline
 * tenants, and for every tenant while the descriptions are few enough to need no summary.
 */
final class JoinedDescriptions implements DescriptionMerger {

    private final TokenCounter tokens = new TokenCounter();
    private final int maxTokens;

    JoinedDescriptions(int maxTokens) {
        this.maxTokens = maxTokens;
    }

    @Override
    public String merge(String name, List<String> descriptions) {
        StringBuilder joined = new StringBuilder();
        int used = 0;
        for (String description : descriptions) {
            int cost = tokens.count(description) + 1;
            if (used + cost > maxTokens && !joined.isEmpty()) {
                break;
            }
            if (!joined.isEmpty()) {
                joined.append('\n');
            }
            joined.append(description);
            used += cost;
        }
        return joined.toString();
    }
}
