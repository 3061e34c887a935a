package dev.hybridrag.query.retrieval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hybridrag.core.chunk.ContentHash;
import dev.hybridrag.core.llm.ChatMessage;
import dev.hybridrag.core.llm.ChatModel;
import dev.hybridrag.core.llm.LlmException;
import dev.hybridrag.core.storage.LlmCacheRepository;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Query keywords from the tenant's LLM, in LightRAG's shape: a JSON object with {@code high_level_keywords} (themes)
 * and {@code low_level_keywords} (specific names). Answers are cached in the tenant's {@code llm_cache}, so asking
 * the same question again costs no call. When the LLM fails or answers with something unusable, the offline
 * heuristic stands in: a question is never refused for want of keywords.
 */
public final class LlmKeywords implements QueryKeywords.Source {

    /** Part of the cache key: changing the prompt must not reuse answers to the old one. */
    static final String PROMPT_VERSION = "query-keywords-v1";

    private static final Logger log = LoggerFactory.getLogger(LlmKeywords.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_KEYWORDS = 20;
    private static final String PROMPT = """
            You identify the keywords of a question asked about a user's documents (chat histories, project notes),
            so that a knowledge graph of those documents can be searched.

            - high_level_keywords: the question's overarching concepts or themes (e.g. "error handling",
              "release process").
            - low_level_keywords: the specific entities, names, tools, files or details it mentions (e.g. "Kafka",
              "EADDRINUSE", "session.ts").

            Answer with one JSON object and nothing else:
            {"high_level_keywords": ["..."], "low_level_keywords": ["..."]}
            Use the question's own words where you can; an empty list is fine when a kind has none.
            """;

    private final ChatModel chat;
    private final DataSource dataSource;
    private final String workspace;
    private final QueryKeywords.Source fallback;
    private final LlmCacheRepository cache = new LlmCacheRepository();

    public LlmKeywords(ChatModel chat, DataSource dataSource, String workspace, QueryKeywords.Source fallback) {
        this.chat = chat;
        this.dataSource = dataSource;
        this.workspace = workspace;
        this.fallback = fallback;
    }

    @Override
    public QueryKeywords of(String query) throws Exception {
        String key = ContentHash.of(PROMPT_VERSION + "\u0000" + chat.model() + "\u0000" + query);
        Map<String, String> cached;
        try {
            cached = cache.find(dataSource, workspace, List.of(key));
        } catch (SQLException e) {
            log.warn("query keywords: the cache could not be read ({}); asking the LLM", e.getMessage());
            cached = Map.of();
        }
        if (cached.containsKey(key)) {
            Optional<QueryKeywords> parsed = parse(cached.get(key));
            if (parsed.isPresent()) {
                return parsed.get();
            }
        }
        String answer;
        try {
            answer = chat.chat(List.of(ChatMessage.system(PROMPT), ChatMessage.user(query)))
                    .content();
        } catch (LlmException e) {
            log.warn("query keywords: the LLM failed ({}); using the offline heuristic", e.getMessage());
            return fallback.of(query);
        }
        Optional<QueryKeywords> parsed = parse(answer);
        if (parsed.isEmpty()) {
            log.warn("query keywords: the LLM's answer held no keyword lists; using the offline heuristic");
            return fallback.of(query);
        }
        remember(key, parsed.get());
        return parsed.get();
    }

    private void remember(String key, QueryKeywords keywords) {
        ObjectNode json = JSON.createObjectNode();
        json.set("high_level_keywords", JSON.valueToTree(keywords.highLevel()));
        json.set("low_level_keywords", JSON.valueToTree(keywords.lowLevel()));
        try {
            cache.put(dataSource, workspace, key, PROMPT_VERSION, json.toString());
        } catch (SQLException e) {
            // The answer is good; only the next identical question will pay again.
            log.warn("query keywords: could not cache ({})", e.getMessage());
        }
    }

    /**
     * The first JSON object in the text (models wrap it in prose or code fences), with at least one keyword in
     * either list.
     */
    static Optional<QueryKeywords> parse(String text) {
        int start = text.indexOf('{');
        int end = text.lastIndexOf('}');
        if (start < 0 || end <= start) {
            return Optional.empty();
        }
        JsonNode json;
        try {
            json = JSON.readTree(text.substring(start, end + 1));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        List<String> high = strings(json.path("high_level_keywords"));
        List<String> low = strings(json.path("low_level_keywords"));
        return high.isEmpty() && low.isEmpty() ? Optional.empty() : Optional.of(new QueryKeywords(high, low));
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        for (JsonNode item : array) {
            if (item.isTextual() && !item.asText().isBlank() && values.size() < MAX_KEYWORDS) {
                String value = item.asText().strip();
                values.add(value.length() > 200 ? value.substring(0, 200) : value);
            }
        }
        return values;
    }
}
