package dev.hybridrag.core.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.regex.Pattern;

/**
 * The provider's own explanation of a failed call, made safe to log: taken from the error JSON, never the raw page,
 * with the API key and anything key-shaped masked (OpenAI echoes part of a wrong key in its 401 message).
 */
final class ProviderErrorMessage {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern KEY_SHAPED = Pattern.compile("\\b(sk|pk|rk)-[A-Za-z0-9_*.\\-]{4,}");
    private static final int MAX_LENGTH = 300;
    // Shorter "keys" (test placeholders) would garble every message if masked.
    private static final int MIN_MASKED_KEY_LENGTH = 4;

    private ProviderErrorMessage() {}

    static String from(String responseBody, String apiKey) {
        return redact(extract(responseBody), apiKey);
    }

    static String redact(String text, String apiKey) {
        String safe = text;
        if (apiKey.length() >= MIN_MASKED_KEY_LENGTH) {
            safe = safe.replace(apiKey, "****");
        }
        safe = KEY_SHAPED.matcher(safe).replaceAll("$1-****");
        return safe.length() <= MAX_LENGTH ? safe : safe.substring(0, MAX_LENGTH) + "...";
    }

    // OpenAI and Azure: {"error":{"message":...}}; Ollama: {"error":"..."}; some proxies: {"message":...}.
    private static String extract(String body) {
        try {
            JsonNode root = JSON.readTree(body);
            JsonNode error = root.path("error");
            if (error.path("message").isTextual()) {
                return error.path("message").asText();
            }
            if (error.isTextual()) {
                return error.asText();
            }
            if (root.path("message").isTextual()) {
                return root.path("message").asText();
            }
        } catch (Exception e) {
            // not JSON: an HTML error page from a gateway tells nothing worth keeping
        }
        return "(no error message)";
    }
}
