package dev.hybridrag.core.testing;

import com.sun.net.httpserver.HttpExchange;
import dev.hybridrag.core.testing.FakeOpenAiServer.Outcome;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** How {@link FakeOpenAiServer} writes its answers, and what it answers when a {@link Fault} is drawn. */
final class FakeResponses {

    private FakeResponses() {}

    static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (!exchange.getResponseHeaders().containsKey("Content-Type")) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static Outcome outcome(Fault fault) {
        return switch (fault) {
            case Fault.RateLimited limited -> Outcome.RATE_LIMITED;
            case Fault.ServerError error -> Outcome.SERVER_ERROR;
            case Fault.Malformed malformed -> Outcome.MALFORMED;
            case Fault.Rejected rejected -> Outcome.REJECTED;
            case Fault.Slow slow -> Outcome.SLOW;
        };
    }

    /** Any fault but {@link Fault.Slow}, which is a normal answer, later. */
    static void sendFault(HttpExchange exchange, Fault fault) throws IOException {
        switch (fault) {
            case Fault.RateLimited limited -> {
                long millis = limited.retryAfter().toMillis();
                exchange.getResponseHeaders().set("Retry-After", Long.toString(Math.ceilDiv(millis, 1000)));
                if (millis % 1000 != 0) {
                    exchange.getResponseHeaders().set("retry-after-ms", Long.toString(millis));
                }
                send(
                        exchange,
                        429,
                        OpenAiWireFormat.error(
                                "Rate limit reached for requests. Please try again later.",
                                "requests",
                                "rate_limit_exceeded"));
            }
            case Fault.ServerError error -> {
                send(
                        exchange,
                        error.status(),
                        OpenAiWireFormat.error(
                                "The server had an error while processing your request.", "server_error", null));
            }
            case Fault.Malformed malformed -> {
                if (malformed.body().startsWith("<")) {
                    exchange.getResponseHeaders().set("Content-Type", "text/html");
                }
                send(exchange, 200, malformed.body());
            }
            case Fault.Rejected rejected -> {
                send(
                        exchange,
                        rejected.status(),
                        OpenAiWireFormat.error(rejected.message(), "invalid_request_error", null));
            }
            case Fault.Slow slow -> throw new IllegalArgumentException("a slow answer is a normal answer, later");
        }
    }
}
