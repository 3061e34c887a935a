package dev.hybridrag.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hybridrag.core.chunk.TokenCounter;
import dev.hybridrag.core.llm.ChatMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The JSON bodies {@link FakeOpenAiServer} answers with, shaped like OpenAI's. */
final class OpenAiWireFormat {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final TokenCounter TOKENS = new TokenCounter();

    private OpenAiWireFormat() {}

    /** The fields every completion object and streamed chunk starts with. */
    private static ObjectNode completion(String object, String model) {
        return JSON.createObjectNode()
                .put("id", "chatcmpl-fake")
                .put("object", object)
                .put("created", 1_700_000_000L)
                .put("model", model);
    }

    static String chatCompletion(String model, String content, int promptTokens, boolean withUsage) {
        ObjectNode root = completion("chat.completion", model);
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", content);
        choice.put("finish_reason", "stop");
        if (withUsage) {
            usage(root, promptTokens, TOKENS.count(content));
        }
        return root.toString();
    }

    /**
     * A streamed completion as Server-Sent Events: the text in pieces of a few words (each {@code data:} line a
     * {@code chat.completion.chunk}, the first carrying the role), then {@code data: [DONE]}.
     */
    static String chatCompletionStream(String model, String content) {
        StringBuilder events = new StringBuilder();
        List<String> pieces = new ArrayList<>();
        Matcher words = Pattern.compile("\\S+\\s*|\\s+").matcher(content);
        StringBuilder piece = new StringBuilder();
        int inPiece = 0;
        while (words.find()) {
            piece.append(words.group());
            if (++inPiece == 3) {
                pieces.add(piece.toString());
                piece.setLength(0);
                inPiece = 0;
            }
        }
        if (!piece.isEmpty()) {
            pieces.add(piece.toString());
        }
        for (int i = 0; i <= pieces.size(); i++) {
            ObjectNode chunk = completion("chat.completion.chunk", model);
            ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
            ObjectNode delta = choice.putObject("delta");
            if (i == 0) {
                delta.put("role", "assistant");
            }
            if (i < pieces.size()) {
                delta.put("content", pieces.get(i));
                choice.putNull("finish_reason");
            } else {
                choice.put("finish_reason", "stop");
            }
            events.append("data: ").append(chunk).append("\n\n");
        }
        return events.append("data: [DONE]\n\n").toString();
    }

    /** Items in reverse order, as the API allows, to prove clients order them by {@code index}. */
    static String embeddings(String model, List<String> inputs, int dimension, boolean withUsage) {
        ObjectNode root = JSON.createObjectNode().put("object", "list").put("model", model);
        ArrayNode data = root.putArray("data");
        for (int i = inputs.size() - 1; i >= 0; i--) {
            ArrayNode vector =
                    data.addObject().put("object", "embedding").put("index", i).putArray("embedding");
            for (float value : vectorFor(inputs.get(i), dimension)) {
                vector.add(value);
            }
        }
        if (withUsage) {
            usage(root, inputs.stream().mapToInt(TOKENS::count).sum(), -1);
        }
        return root.toString();
    }

    static List<ChatMessage> messages(JsonNode request) {
        List<ChatMessage> messages = new ArrayList<>();
        request.path("messages")
                .forEach(message -> messages.add(new ChatMessage(
                        message.path("role").asText(), message.path("content").asText())));
        return messages;
    }

    /** Counted as the clients estimate it: content tokens plus 4 per message. */
    static int completionTokens(String content) {
        return TOKENS.count(content);
    }

    static int inputTokens(List<String> inputs) {
        return inputs.stream().mapToInt(TOKENS::count).sum();
    }

    static int promptTokens(List<ChatMessage> messages) {
        return messages.stream()
                .mapToInt(message -> TOKENS.count(message.content()) + 4)
                .sum();
    }

    /** {@code input} is a string or an array of strings. */
    static List<String> inputs(JsonNode request) {
        JsonNode input = request.path("input");
        if (input.isTextual()) {
            return List.of(input.asText());
        }
        List<String> inputs = new ArrayList<>();
        input.forEach(text -> inputs.add(text.asText()));
        return inputs;
    }

    /** OpenAI's 401 echoes (part of) the key it was sent; the fake echoes all of it, the worst case. */
    static String invalidKey(String sentKey) {
        return error(
                "Incorrect API key provided: " + sentKey
                        + ". You can find your API key at https://platform.openai.com/account/api-keys.",
                "invalid_request_error",
                "invalid_api_key");
    }

    static String error(String message, String type, String code) {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("error").put("message", message).put("type", type).put("code", code);
        return root.toString();
    }

    /** A unit vector that depends only on the text and the dimension. */
    static float[] vectorFor(String text, int dimension) {
        Random random = new Random(seed(text));
        float[] vector = new float[dimension];
        double squares = 0;
        for (int i = 0; i < dimension; i++) {
            vector[i] = (float) random.nextGaussian();
            squares += (double) vector[i] * vector[i];
        }
        double norm = Math.sqrt(squares);
        for (int i = 0; i < dimension; i++) {
            vector[i] = (float) (vector[i] / norm);
        }
        return vector;
    }

    private static void usage(ObjectNode root, int promptTokens, int completionTokens) {
        ObjectNode usage = root.putObject("usage").put("prompt_tokens", promptTokens);
        if (completionTokens >= 0) {
            usage.put("completion_tokens", completionTokens);
        }
        usage.put("total_tokens", promptTokens + Math.max(completionTokens, 0));
    }

    private static long seed(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            long seed = 0;
            for (int i = 0; i < Long.BYTES; i++) {
                seed = (seed << 8) | (digest[i] & 0xff);
            }
            return seed;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
