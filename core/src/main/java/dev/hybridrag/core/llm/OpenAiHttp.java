package dev.hybridrag.core.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hybridrag.core.llm.LlmException.Kind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One POST to an OpenAI-style endpoint, with the provider's URL and auth scheme, and every failure sorted into an
 * {@link LlmException} kind. Messages name the provider and model, never the URL (it may carry credentials), the key
 * or the request body.
 */
final class OpenAiHttp {

    enum Endpoint {
        CHAT("chat/completions"),
        EMBEDDINGS("embeddings"),
        RERANK("rerank");

        private final String path;

        Endpoint(String path) {
            this.path = path;
        }
    }

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final ProviderSettings settings;
    private final Duration requestTimeout;
    private final Clock clock;
    private final HttpClient client;

    OpenAiHttp(ProviderSettings settings, Duration requestTimeout, Clock clock) {
        if (settings.isOffline()
                || settings.baseUrl().isEmpty()
                || settings.model().isEmpty()) {
            throw new IllegalArgumentException("an HTTP provider needs a provider, base URL and model: " + settings);
        }
        if (settings.isAzure() && settings.apiVersion().isEmpty()) {
            throw new IllegalArgumentException("azure needs an api version: " + settings);
        }
        this.settings = settings;
        this.requestTimeout = requestTimeout;
        this.clock = clock;
        Duration connectTimeout =
                requestTimeout.compareTo(MAX_CONNECT_TIMEOUT) < 0 ? requestTimeout : MAX_CONNECT_TIMEOUT;
        // Over plain http (Ollama, vLLM, a proxy) HTTP/2 would mean an h2c upgrade some servers mishandle.
        HttpClient.Version version =
                settings.baseUrl().startsWith("https:") ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1;
        this.client = SharedHttpClients.of(version, connectTimeout);
    }

    /** The provider these requests go to. */
    ProviderSettings settings() {
        return settings;
    }

    /** "openai gpt-4o-mini": how messages name the provider. */
    String describe() {
        return settings.provider() + " " + settings.model();
    }

    /** @return the parsed JSON of a 2xx response */
    JsonNode post(Endpoint endpoint, ObjectNode body) throws LlmException {
        HttpResponse<String> response =
                send(endpoint, body, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        int status = response.statusCode();
        if (status / 100 == 2) {
            try {
                return JSON.readTree(response.body());
            } catch (JsonProcessingException e) {
                throw malformed(
                        endpoint, "a body that is not JSON (" + response.body().length() + " chars)");
            }
        }
        throw failure(endpoint, status, response.headers(), response.body());
    }

    /** A reader of a streamed response body, line by line. */
    @FunctionalInterface
    interface LineReader {
        void read(BufferedReader lines) throws IOException, LlmException;
    }

    /**
     * POSTs a request whose answer is streamed (Server-Sent Events) and hands a 2xx body to {@code reader} as it
     * arrives. The request timeout bounds the wait for the response headers; a connection lost while reading is a
     * {@link Kind#TIMEOUT}.
     */
    void postStreaming(Endpoint endpoint, ObjectNode body, LineReader reader) throws LlmException {
        HttpResponse<InputStream> response = send(endpoint, body, HttpResponse.BodyHandlers.ofInputStream());
        InputStream in = response.body();
        IdleAlarm alarm = new IdleAlarm(in, requestTimeout);
        try (in;
                BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)) {
                    @Override
                    public String readLine() throws IOException {
                        alarm.rearm();
                        return super.readLine();
                    }
                }) {
            if (response.statusCode() / 100 != 2) {
                String text = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
                throw failure(endpoint, response.statusCode(), response.headers(), text);
            }
            reader.read(lines);
        } catch (IOException e) {
            throw new LlmException(
                    Kind.TIMEOUT,
                    describe() + " " + endpoint.path
                            + (alarm.rang()
                                    ? " stream stalled for longer than " + requestTimeout
                                    : " stream broke: " + e.getClass().getSimpleName()),
                    null,
                    e);
        } finally {
            alarm.cancel();
        }
    }

    /**
     * Closes a streamed body that has been silent for longer than the request timeout: the client's own timeout
     * only covers the wait for the headers, and a provider that stalls mid-answer must not hold a call slot (and
     * the caller) forever. Closing the stream makes the blocked read fail.
     */
    private static final class IdleAlarm {
        private static final ScheduledExecutorService CLOCK = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("llm-stream-idle").factory());

        private final InputStream in;
        private final Duration limit;
        private volatile boolean rang;
        private ScheduledFuture<?> pending;

        IdleAlarm(InputStream in, Duration limit) {
            this.in = in;
            this.limit = limit;
        }

        synchronized void rearm() {
            cancel();
            pending = CLOCK.schedule(this::ring, limit.toMillis(), TimeUnit.MILLISECONDS);
        }

        synchronized void cancel() {
            if (pending != null) {
                pending.cancel(false);
            }
        }

        boolean rang() {
            return rang;
        }

        private void ring() {
            rang = true;
            try {
                in.close();
            } catch (IOException e) {
                // closing is all that was wanted; the blocked read fails either way
            }
        }
    }

    LlmException malformed(Endpoint endpoint, String what) {
        return new LlmException(Kind.MALFORMED_RESPONSE, describe() + " " + endpoint.path + " returned " + what);
    }

    private <T> HttpResponse<T> send(Endpoint endpoint, ObjectNode body, HttpResponse.BodyHandler<T> handler)
            throws LlmException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(endpoint))
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        if (settings.isAzure()) {
            request.header("api-key", settings.apiKey());
        } else if (!settings.apiKey().isEmpty()) {
            request.header("Authorization", "Bearer " + settings.apiKey());
        }
        try {
            return client.send(request.build(), handler);
        } catch (HttpTimeoutException e) {
            throw new LlmException(
                    Kind.TIMEOUT,
                    describe() + " " + endpoint.path + " did not answer within " + requestTimeout,
                    null,
                    e);
        } catch (IOException e) {
            throw new LlmException(
                    Kind.TIMEOUT,
                    describe() + " " + endpoint.path + " connection failed: "
                            + e.getClass().getSimpleName(),
                    null,
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            // Interrupted means shutting down: a kind that is not retried.
            throw new LlmException(Kind.REFUSED_LOCALLY, describe() + " call interrupted", null, e);
        }
    }

    private URI uri(Endpoint endpoint) {
        if (settings.isAzure()) {
            return URI.create(settings.baseUrl() + "/openai/deployments/"
                    + URLEncoder.encode(settings.model(), StandardCharsets.UTF_8) + "/" + endpoint.path
                    + "?api-version=" + URLEncoder.encode(settings.apiVersion(), StandardCharsets.UTF_8));
        }
        return URI.create(settings.baseUrl() + "/" + endpoint.path);
    }

    private LlmException failure(Endpoint endpoint, int status, HttpHeaders headers, String body) {
        String reason = ProviderErrorMessage.from(body, settings.apiKey());
        String message = describe() + " " + endpoint.path + " answered HTTP " + status + ": " + reason;
        Kind kind = status == 429
                ? Kind.RATE_LIMITED
                : status / 100 == 5 ? Kind.SERVER_ERROR : status == 408 ? Kind.TIMEOUT : Kind.REJECTED;
        Duration retryAfter = kind == Kind.RATE_LIMITED || kind == Kind.SERVER_ERROR
                ? RetryAfterHeaders.parse(headers, clock).orElse(null)
                : null;
        return new LlmException(kind, message, retryAfter, null);
    }
}
