package dev.hybridrag.core.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hybridrag.core.chunk.TokenCounter;
import dev.hybridrag.core.llm.OpenAiHttp.Endpoint;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Chat completions from OpenAI, Azure OpenAI / AI Foundry, Ollama or any OpenAI-compatible server. One attempt per
 * call: wrap it in a {@link ResilientChatModel} for retries, limits and the spend guard.
 */
public final class OpenAiChatModel implements ChatModel {

    // Role and separators the chat format adds around each message, as OpenAI's cookbook counts them.
    static final int TOKENS_PER_MESSAGE = 4;
    private static final TokenCounter TOKENS = new TokenCounter();

    private final OpenAiHttp http;

    /** @param requestTimeout per HTTP request, usually {@link CallLimits#timeout()} */
    public OpenAiChatModel(ProviderSettings settings, Duration requestTimeout) {
        this(settings, requestTimeout, Clock.systemUTC());
    }

    /** @param clock reads HTTP-date Retry-After headers */
    public OpenAiChatModel(ProviderSettings settings, Duration requestTimeout, Clock clock) {
        this.http = new OpenAiHttp(settings, requestTimeout, clock);
    }

    @Override
    public String model() {
        return http.settings().model();
    }

    @Override
    public ChatResult chat(List<ChatMessage> messages) throws LlmException {
        JsonNode response = http.post(Endpoint.CHAT, request(messages));
        JsonNode content = response.path("choices").path(0).path("message").path("content");
        if (!content.isTextual()) {
            throw http.malformed(Endpoint.CHAT, "no completion text (choices[0].message.content)");
        }
        String text = content.asText();
        JsonNode usage = response.path("usage");
        if (usage.path("prompt_tokens").isIntegralNumber()
                && usage.path("completion_tokens").isIntegralNumber()) {
            return new ChatResult(
                    text,
                    usage.path("prompt_tokens").asInt(),
                    usage.path("completion_tokens").asInt());
        }
        return new ChatResult(text, estimatePromptTokens(messages), TOKENS.count(text));
    }

    /**
     * A streamed completion ({@code "stream": true}): the provider sends Server-Sent Events, one {@code data:} line per
     * piece with the text in {@code choices[0].delta.content}, and {@code data: [DONE]} at the end.
     */
    @Override
    public ChatResult stream(List<ChatMessage> messages, Consumer<String> deltas) throws LlmException {
        ObjectNode body = request(messages);
        body.put("stream", true);
        StringBuilder text = new StringBuilder();
        boolean[] done = {false};
        http.postStreaming(Endpoint.CHAT, body, lines -> {
            for (String line = lines.readLine(); line != null && !done[0]; line = lines.readLine()) {
                if (!line.startsWith("data:")) {
                    continue; // blank separators, comments and event names
                }
                String data = line.substring("data:".length()).strip();
                if (data.equals("[DONE]")) {
                    done[0] = true;
                    continue;
                }
                JsonNode delta;
                try {
                    delta = OpenAiHttp.JSON
                            .readTree(data)
                            .path("choices")
                            .path(0)
                            .path("delta");
                } catch (JsonProcessingException e) {
                    throw http.malformed(Endpoint.CHAT, "a stream event that is not JSON");
                }
                if (delta.path("content").isTextual()
                        && !delta.path("content").asText().isEmpty()) {
                    text.append(delta.path("content").asText());
                    deltas.accept(delta.path("content").asText());
                }
            }
        });
        if (!done[0]) {
            throw http.malformed(Endpoint.CHAT, "a stream that ended before [DONE]");
        }
        return new ChatResult(text.toString(), estimatePromptTokens(messages), TOKENS.count(text.toString()));
    }

    private ObjectNode request(List<ChatMessage> messages) {
        ObjectNode body = OpenAiHttp.JSON.createObjectNode();
        body.put("model", http.settings().model());
        ArrayNode wireMessages = body.putArray("messages");
        messages.forEach(
                message -> wireMessages.addObject().put("role", message.role()).put("content", message.content()));
        // Extraction must be repeatable: the same chunk should yield the same facts.
        body.put("temperature", 0);
        return body;
    }

    /** cl100k_base tokens of the messages plus the chat format's per-message overhead. */
    static int estimatePromptTokens(List<ChatMessage> messages) {
        return messages.stream()
                .mapToInt(message -> TOKENS.count(message.content()) + TOKENS_PER_MESSAGE)
                .sum();
    }

    @Override
    public String toString() {
        return "OpenAiChatModel[" + http.settings() + "]";
    }
}
