package dev.hybridrag.query.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hybridrag.core.llm.ChatMessage;
import dev.hybridrag.query.http.ApiException;
import java.util.ArrayList;
import java.util.List;

/**
 * The question and earlier turns of an Ollama request: for {@code /api/chat} the last message (from the user) and
 * the user and assistant turns before it (system messages are the client's own instructions and are not
 * forwarded); for {@code /api/generate} the prompt alone.
 */
record OllamaConversation(String question, List<ChatMessage> history, String field) {

    /** LightRAG's conversation_history limit: older turns beyond it are dropped, not refused. */
    private static final int MAX_HISTORY = 50;

    static OllamaConversation ofChat(JsonNode body) {
        JsonNode messages = body.get("messages");
        String shape = "'messages' must be a non-empty list of {\"role\": \"user\"|\"assistant\"|\"system\","
                + " \"content\": text}, ending with the user's";
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw ApiException.badRequest("messages", shape);
        }
        List<ChatMessage> turns = new ArrayList<>();
        for (JsonNode message : messages) {
            String role = message.path("role").asText("");
            JsonNode content = message.get("content");
            if (content == null
                    || !content.isTextual()
                    || !List.of("user", "assistant", "system").contains(role)) {
                throw ApiException.badRequest("messages", shape);
            }
            if (!role.equals("system")) {
                turns.add(new ChatMessage(role, content.asText()));
            }
        }
        if (turns.isEmpty() || !turns.getLast().role().equals("user")) {
            throw ApiException.badRequest("messages", shape);
        }
        List<ChatMessage> history = turns.subList(Math.max(0, turns.size() - 1 - MAX_HISTORY), turns.size() - 1);
        return new OllamaConversation(turns.getLast().content(), List.copyOf(history), "messages");
    }

    static OllamaConversation ofGenerate(JsonNode body) {
        JsonNode prompt = body.get("prompt");
        if (prompt == null || !prompt.isTextual()) {
            throw ApiException.badRequest("prompt", "'prompt' is required and must be text");
        }
        return new OllamaConversation(prompt.asText(), List.of(), "prompt");
    }
}
