package dev.hybridrag.core.testing;

import com.sun.net.httpserver.HttpExchange;
import dev.hybridrag.core.testing.FakeOpenAiServer.Outcome;
import java.io.IOException;

/** How {@link FakeOpenAiServer} answers when a {@link Fault} is drawn (all but {@link Fault.Slow}). */
final class FaultResponses {

    private FaultResponses() {}

    static Outcome outcome(Fault fault) {
        return switch (fault) {
            case Fault.RateLimited limited -> Outcome.RATE_LIMITED;
            case Fault.ServerError error -> Outcome.SERVER_ERROR;
            case Fault.Malformed malformed -> Outcome.MALFORMED;
            case Fault.Rejected rejected -> Outcome.REJECTED;
            case Fault.Slow slow -> Outcome.SLOW;
        };
    }

    static void send(HttpExchange exchange, Fault fault) throws IOException {
        switch (fault) {
            case Fault.RateLimited limited -> {
                long millis = limited.retryAfter().toMillis();
                exchange.getResponseHeaders().set("Retry-After", Long.toString(Math.ceilDiv(millis, 1000)));
                if (millis % 1000 != 0) {
                    exchange.getResponseHeaders().set("retry-after-ms", Long.toString(millis));
                }
                FakeOpenAiServer.send(exchange, 429, OpenAiWireFormat.error(
                        "Rate limit reached for requests. Please try again later.", "requests", "rate_limit_exceeded"));
            }
            case Fault.ServerError error -> {
                FakeOpenAiServer.send(exchange, error.status(), OpenAiWireFormat.error(
                        "The server had an error while processing your request.", "server_error", null));
            }
            case Fault.Malformed malformed -> {
                if (malformed.body().startsWith("<")) {
                    exchange.getResponseHeaders().set("Content-Type", "text/html");
                }
                FakeOpenAiServer.send(exchange, 200, malformed.body());
            }
            case Fault.Rejected rejected -> {
                FakeOpenAiServer.send(exchange, rejected.status(), OpenAiWireFormat.error(
                        rejected.message(), "invalid_request_error", null));
            }
            case Fault.Slow slow -> throw new IllegalArgumentException("a slow answer is a normal answer, later");
        }
    }
}
