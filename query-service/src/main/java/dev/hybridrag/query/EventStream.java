package dev.hybridrag.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A Server-Sent Events response: {@code event:} and one-line JSON {@code data:}, flushed event by event. The status
 * line goes out with the first event, so a failure before it (retrieval, a bad tenant) is still answered as an
 * ordinary JSON error.
 */
final class EventStream {

    private final HttpExchange exchange;
    private OutputStream out;

    EventStream(HttpExchange exchange) {
        this.exchange = exchange;
    }

    boolean started() {
        return out != null;
    }

    /** Sends one event; a client that went away surfaces as {@link UncheckedIOException}. */
    void send(String event, Map<String, ?> data) {
        try {
            if (out == null) {
                exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
                exchange.getResponseHeaders().set("Cache-Control", "no-cache");
                exchange.sendResponseHeaders(200, 0); // chunked: the length is not known yet
                out = exchange.getResponseBody();
            }
            // JSON escapes newlines, so each event's data is one line.
            String frame = "event: " + event + "\ndata: " + Json.MAPPER.writeValueAsString(data) + "\n\n";
            out.write(frame.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event data always serialises", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ends the response; a client that already left is no error. */
    void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                // the connection is gone either way
            }
        }
    }
}
