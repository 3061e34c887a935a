package dev.hybridrag.query.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.hybridrag.query.QueryResponse;
import java.time.Instant;
import java.util.List;

/** Ollama's reply shapes for one request: streamed pieces, the closing reply, and the model list. */
final class OllamaReplies {

    static final String MODEL = "hybridrag:latest";
    static final Version VERSION = new Version("0.9.0");

    record Version(String version) {}

    record Tags(List<ModelTag> models) {}

    record ModelTag(String name, String model, Instant modifiedAt, long size, String digest, ModelDetails details) {}

    record ModelDetails(String format, String family, List<String> families, String parameterSize) {}

    record Message(String role, String content) {}

    /** {@code /api/chat}: a piece ({@code done} false) or the last reply, which carries the timings. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Chat(
            String model,
            Instant createdAt,
            Message message,
            boolean done,
            String doneReason,
            Long totalDuration,
            Integer evalCount) {}

    /** {@code /api/generate}: as {@link Chat}, with the text in {@code response}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Generate(
            String model,
            Instant createdAt,
            String response,
            boolean done,
            String doneReason,
            Long totalDuration,
            Integer evalCount) {}

    private final String model;
    private final boolean chat;
    private final long started = System.nanoTime();
    private int pieces;

    OllamaReplies(String model, boolean chat) {
        this.model = model;
        this.chat = chat;
    }

    static Tags tags() {
        ModelDetails details = new ModelDetails("hybridrag", "hybridrag", List.of("hybridrag"), "n/a");
        return new Tags(List.of(new ModelTag(MODEL, MODEL, Instant.EPOCH, 0, "hybridrag", details)));
    }

    Object piece(String text) {
        pieces++;
        return chat
                ? new Chat(model, Instant.now(), new Message("assistant", text), false, null, null, null)
                : new Generate(model, Instant.now(), text, false, null, null, null);
    }

    Object last(String text, QueryResponse response) {
        long took = System.nanoTime() - started;
        int count = Math.max(pieces, text.isEmpty() ? 0 : 1);
        return chat
                ? new Chat(model, Instant.now(), new Message("assistant", text), true, "stop", took, count)
                : new Generate(model, Instant.now(), text, true, "stop", took, count);
    }

    /** The references under an answer, numbered as it cites them; empty when there are none. */
    static String references(QueryResponse response) {
        if (response.references().isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder("\n\nReferences:");
        for (QueryResponse.Reference reference : response.references()) {
            text.append("\n[").append(reference.referenceId()).append("] ").append(reference.filePath());
        }
        return text.toString();
    }
}
