package dev.hybridrag.indexer.graph;

import dev.hybridrag.core.chunk.ContentHash;
import dev.hybridrag.core.chunk.TokenCounter;
import dev.hybridrag.core.llm.ChatMessage;
import dev.hybridrag.core.llm.ChatModel;
import dev.hybridrag.core.storage.LlmCacheRepository;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * LightRAG's merge: few descriptions are joined; many (more than {@code maxDescriptions}, or more than
 * {@code maxTokens} together) are summarised by the tenant's LLM. Summaries are cached by a hash of the
 * descriptions, so rebuilding an unchanged key gives the same text and costs nothing.
 */
final class SummarizedDescriptions implements DescriptionMerger {

    static final String TEMPLATE_VERSION = "summary-v1";

    private final ChatModel chat;
    private final LlmCacheRepository cache = new LlmCacheRepository();
    private final DataSource dataSource;
    private final String workspace;
    private final JoinedDescriptions joined;
    private final TokenCounter tokens = new TokenCounter();
    private final int maxDescriptions;
    private final int maxTokens;

    SummarizedDescriptions(
            ChatModel chat, DataSource dataSource, String workspace, int maxDescriptions, int maxTokens) {
        this.chat = chat;
        this.dataSource = dataSource;
        this.workspace = workspace;
        this.maxDescriptions = maxDescriptions;
        this.maxTokens = maxTokens;
        this.joined = new JoinedDescriptions(Integer.MAX_VALUE);
    }

    @Override
    public String merge(String name, List<String> descriptions) throws Exception {
        String all = joined.merge(name, descriptions);
        if (descriptions.size() <= maxDescriptions && tokens.count(all) <= maxTokens) {
            return all;
        }
        String key = ContentHash.of(TEMPLATE_VERSION + "\n" + chat.model() + "\n" + name + "\n" + all);
        Map<String, String> cached = cache.find(dataSource, workspace, List.of(key));
        if (cached.containsKey(key)) {
            return cached.get(key);
        }
        String summary = chat.chat(List.of(
                        ChatMessage.system("You merge descriptions of one entity or relation from a knowledge graph"
                                + " into a single, comprehensive description in the third person. Keep every fact"
                                + " that matters, resolve contradictions, and write at most " + (maxTokens / 2)
                                + " words. Answer with the description only."),
                        ChatMessage.user("Name: " + name + "\nDescriptions:\n" + all)))
                .content()
                .strip();
        cache.put(dataSource, workspace, key, TEMPLATE_VERSION + "|" + chat.model(), summary);
        return summary;
    }
}
