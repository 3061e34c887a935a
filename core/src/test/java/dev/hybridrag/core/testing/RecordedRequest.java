package dev.hybridrag.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One request {@link FakeOpenAiServer} received, for tests to assert on. */
public record RecordedRequest(
        FakeOpenAiServer.Endpoint endpoint,
        String path,
        String query,
        Map<String, List<String>> headers,
        String body,
        long receivedNanos) {

    /** Case-insensitive, like HTTP. */
    public Optional<String> header(String name) {
        return headers.entrySet().stream()
                .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                .flatMap(entry -> entry.getValue().stream())
                .findFirst();
    }

    public JsonNode json() {
        try {
            return OpenAiWireFormat.JSON.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
