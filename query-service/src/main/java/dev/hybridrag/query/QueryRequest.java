package dev.hybridrag.query;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hybridrag.core.chunk.TokenCounter;
import dev.hybridrag.core.llm.ChatMessage;
import dev.hybridrag.query.http.ApiException;
import dev.hybridrag.query.retrieval.RetrievalOptions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** A validated query, with LightRAG's option names and defaults. Every refusal names the field at fault. */
public record QueryRequest(
        String query,
        RetrievalOptions options,
        boolean onlyNeedContext,
        boolean onlyNeedPrompt,
        boolean includeReferences,
        boolean stream,
        AnswerStyle style) {

    static final int MAX_QUERY_CHARS = 4000;
    static final int MAX_USER_PROMPT_CHARS = 4000;
    static final int MAX_HISTORY_MESSAGES = 50;
    static final int MAX_HISTORY_CHARS = 20_000;
    static final String DEFAULT_RESPONSE_TYPE = "Multiple Paragraphs";
    static final int MIN_CONTEXT_TOKENS = 1000;
    private static final TokenCounter TOKENS = new TokenCounter();
    static final Set<String> FIELDS = Set.of(
            "query",
            "mode",
            "top_k",
            "chunk_top_k",
            "max_entity_tokens",
            "max_relation_tokens",
            "max_total_tokens",
            "only_need_context",
            "only_need_prompt",
            "response_type",
            "user_prompt",
            "conversation_history",
            "stream",
            "include_references",
            "hl_keywords",
            "ll_keywords");

    public String mode() {
        return options.mode();
    }

    public static QueryRequest from(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("", "request body must be a JSON object");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw ApiException.badRequest(name, "unknown field '" + name + "'; accepted: " + FIELDS);
            }
        }
        JsonNode query = body.get("query");
        if (query == null || !query.isTextual() || query.asText().isBlank()) {
            throw ApiException.badRequest("query", "'query' is required and must be a non-empty string");
        }
        if (query.asText().length() > MAX_QUERY_CHARS) {
            throw ApiException.badRequest("query", "'query' is longer than " + MAX_QUERY_CHARS + " characters");
        }
        String mode = textOr(body, "mode", "mix");
        if (!RetrievalOptions.MODES.contains(mode)) {
            throw ApiException.badRequest("mode", "mode '" + mode + "' is not one of " + RetrievalOptions.MODES);
        }
        String responseType = textOr(body, "response_type", DEFAULT_RESPONSE_TYPE);
        if (responseType.isBlank() || responseType.length() > 100) {
            throw ApiException.badRequest("response_type", "'response_type' must be 1 to 100 characters");
        }
        String userPrompt = textOr(body, "user_prompt", "");
        if (userPrompt.length() > MAX_USER_PROMPT_CHARS) {
            throw ApiException.badRequest(
                    "user_prompt", "'user_prompt' is longer than " + MAX_USER_PROMPT_CHARS + " characters");
        }
        List<ChatMessage> history = history(body);
        int maxTotalTokens = intOr(body, "max_total_tokens", 30000, 1000, 1_000_000);
        // The conversation and the extra instructions travel in the same prompt: what they take is not left for
        // the retrieved context, so max_total_tokens bounds the whole prompt.
        int conversationTokens = TOKENS.count(userPrompt)
                + history.stream()
                        .mapToInt(turn -> TOKENS.count(turn.content()))
                        .sum();
        if (maxTotalTokens - conversationTokens < MIN_CONTEXT_TOKENS) {
            throw ApiException.badRequest(
                    history.isEmpty() ? "user_prompt" : "conversation_history",
                    "conversation_history and user_prompt take " + conversationTokens + " tokens, leaving less than "
                            + MIN_CONTEXT_TOKENS + " of max_total_tokens (" + maxTotalTokens
                            + ") for the question and its context");
        }
        RetrievalOptions options = new RetrievalOptions(
                mode,
                intOr(body, "top_k", 40, 1, 500),
                intOr(body, "chunk_top_k", 20, 1, 200),
                intOr(body, "max_entity_tokens", 6000, 0, 200_000),
                intOr(body, "max_relation_tokens", 8000, 0, 200_000),
                maxTotalTokens - conversationTokens,
                stringsOr(body, "hl_keywords"),
                stringsOr(body, "ll_keywords"));
        return new QueryRequest(
                query.asText().strip(),
                options,
                boolOr(body, "only_need_context", false),
                boolOr(body, "only_need_prompt", false),
                boolOr(body, "include_references", true),
                boolOr(body, "stream", false),
                new AnswerStyle(responseType.strip(), userPrompt.strip(), history));
    }

    /** Whether the answer goes out as Server-Sent Events: only when an answer is written at all. */
    public boolean streamsAnswer() {
        return stream && !onlyNeedContext && !onlyNeedPrompt;
    }

    /** {@code conversation_history}: earlier turns as {@code {"role": "user"|"assistant", "content": "..."}}. */
    private static List<ChatMessage> history(JsonNode body) {
        JsonNode node = body.get("conversation_history");
        if (node == null || node.isNull()) {
            return List.of();
        }
        String shape = "'conversation_history' must be a list of at most " + MAX_HISTORY_MESSAGES
                + " objects {\"role\": \"user\" or \"assistant\", \"content\": text of at most "
                + MAX_HISTORY_CHARS + " characters}";
        if (!node.isArray() || node.size() > MAX_HISTORY_MESSAGES) {
            throw ApiException.badRequest("conversation_history", shape);
        }
        List<ChatMessage> turns = new ArrayList<>();
        for (JsonNode turn : node) {
            String role = turn.path("role").asText("");
            JsonNode content = turn.path("content");
            if (!(role.equals("user") || role.equals("assistant"))
                    || !content.isTextual()
                    || content.asText().length() > MAX_HISTORY_CHARS) {
                throw ApiException.badRequest("conversation_history", shape);
            }
            turns.add(new ChatMessage(role, content.asText()));
        }
        return turns;
    }

    private static String textOr(JsonNode body, String field, String fallback) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isTextual()) {
            throw ApiException.badRequest(field, "'" + field + "' must be a string");
        }
        return node.asText();
    }

    private static int intOr(JsonNode body, String field, int fallback, int min, int max) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isIntegralNumber() || node.asLong() < min || node.asLong() > max) {
            throw ApiException.badRequest(field, "'" + field + "' must be a whole number from " + min + " to " + max);
        }
        return node.asInt();
    }

    private static boolean boolOr(JsonNode body, String field, boolean fallback) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isBoolean()) {
            throw ApiException.badRequest(field, "'" + field + "' must be true or false");
        }
        return node.asBoolean();
    }

    private static List<String> stringsOr(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray() || node.size() > 50) {
            throw ApiException.badRequest(field, "'" + field + "' must be a list of at most 50 strings");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual() || item.asText().length() > 200) {
                throw ApiException.badRequest(field, "'" + field + "' must hold strings of at most 200 characters");
            }
            if (!item.asText().isBlank()) {
                values.add(item.asText().strip());
            }
        }
        return values;
    }
}
