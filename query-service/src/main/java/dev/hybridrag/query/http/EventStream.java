package dev.hybridrag.query.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.servlet.http.HttpServletResponse;
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
public final class EventStream {

    private final HttpServletResponse response;
    private OutputStream out;

    EventStream(HttpServletResponse response) {
        this.response = response;
    }

    public boolean started() {
        return out != null;
    }

    /** Sends one event; a client that went away surfaces as {@link UncheckedIOException}. */
    public void send(String event, Map<String, ?> data) {
        try {
            if (out == null) {
                response.setStatus(200);
                response.setContentType("text/event-stream; charset=utf-8");
                response.setHeader("Cache-Control", "no-cache");
                out = response.getOutputStream();
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
    public void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                // the connection is gone either way
            }
        }
    }
}
