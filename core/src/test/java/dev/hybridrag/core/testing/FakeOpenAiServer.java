package dev.hybridrag.core.testing;

import static dev.hybridrag.core.testing.FakeResponses.send;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.hybridrag.core.llm.ChatMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.ToDoubleBiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fake LLM provider: a real HTTP server on loopback speaking the OpenAI wire format, at {@code /v1/chat/completions},
 * {@code /v1/embeddings}, the Cohere/Jina-style {@code /v1/rerank}, and Azure's {@code /openai/deployments/{name}/...?api-version=}. Completions come from a
 * scriptable responder, embeddings are deterministic unit vectors hashed from the text, and a {@link FaultPlan} per
 * endpoint makes it misbehave. It records every request.
 */
public final class FakeOpenAiServer implements AutoCloseable {

    public enum Endpoint {
        CHAT,
        EMBEDDINGS,
        RERANK
    }

    /** What the server did with a request. */
    public enum Outcome {
        OK,
        SLOW,
        RATE_LIMITED,
        SERVER_ERROR,
        MALFORMED,
        REJECTED
    }

    private static final Pattern PATH = Pattern.compile(
            "/(?:v1|openai/deployments/(?<deployment>[^/]+))/(?<endpoint>chat/completions|embeddings|rerank)");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<Endpoint, FaultPlan> faults = new EnumMap<>(Endpoint.class);
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final List<Outcome> outcomes = new CopyOnWriteArrayList<>();
    private volatile Function<List<ChatMessage>, String> chatResponder = messages -> "fake completion";
    private volatile int dimension = 8;
    private volatile ToDoubleBiFunction<String, String> rerankScorer = FakeOpenAiServer::sharedWords;
    private final Map<String, Integer> dimensions = new ConcurrentHashMap<>();
    private volatile boolean reportUsage = true;
    private final AtomicLong billedPromptTokens = new AtomicLong();
    private final AtomicLong billedCompletionTokens = new AtomicLong();
    private final AtomicLong billedEmbeddingTokens = new AtomicLong();
    private volatile String requiredApiKey;
    private volatile Duration streamPause = Duration.ZERO;
    private volatile int stallAfterEvents = -1;
    private volatile Duration stall = Duration.ZERO;

    private FakeOpenAiServer() throws IOException {
        for (Endpoint endpoint : Endpoint.values()) {
            faults.put(endpoint, new FaultPlan());
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static FakeOpenAiServer start() {
        try {
            return new FakeOpenAiServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The OpenAI-style API root, {@code http://127.0.0.1:port/v1}. */
    public String baseUrl() {
        return azureEndpoint() + "/v1";
    }

    /** The Azure-style resource endpoint, {@code http://127.0.0.1:port}. */
    public String azureEndpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Completions: a function of the request's messages (e.g. canned extraction output). */
    public FakeOpenAiServer respondToChat(Function<List<ChatMessage>, String> responder) {
        this.chatResponder = responder;
        return this;
    }

    /** The dimension of every model's vectors, unless {@link #embeddingDimension(String, int)} says otherwise. */
    private static double sharedWords(String query, String document) {
        List<String> words = List.of(query.toLowerCase(java.util.Locale.ROOT).split("\\W+"));
        String text = document.toLowerCase(java.util.Locale.ROOT);
        return words.isEmpty() ? 0 : words.stream().filter(text::contains).count() / (double) words.size();
    }

    public FakeOpenAiServer embeddingDimension(int dimension) {
        this.dimension = dimension;
        return this;
    }

    /** {@code model}'s vectors have this dimension (a server hosting several embedding models). */
    public FakeOpenAiServer embeddingDimension(String model, int dimension) {
        dimensions.put(model, dimension);
        return this;
    }

    /** Without usage, clients have to estimate the tokens themselves. */
    public FakeOpenAiServer reportUsage(boolean reportUsage) {
        this.reportUsage = reportUsage;
        return this;
    }

    /** Other keys get a 401 that, like OpenAI's, echoes the key it was sent. */
    public FakeOpenAiServer requireApiKey(String apiKey) {
        this.requiredApiKey = apiKey;
        return this;
    }

    public FaultPlan faults(Endpoint endpoint) {
        return faults.get(endpoint);
    }

    /** The vector this server returns for {@code text} at its current dimension. */
    public float[] vectorFor(String text) {
        return OpenAiWireFormat.vectorFor(text, dimension);
    }

    /** The texts sent to be embedded by {@code model}, in the order they came. */
    public List<String> embeddedTexts(String model) {
        return requests.stream()
                .filter(r -> r.endpoint() == Endpoint.EMBEDDINGS)
                .map(r -> {
                    try {
                        return OpenAiWireFormat.JSON.readTree(r.body());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .filter(body -> body.path("model").asText().equals(model))
                .flatMap(body -> OpenAiWireFormat.inputs(body).stream())
                .toList();
    }

    /**
     * The tokens a provider would bill: prompt and completion tokens of every request answered successfully, counted
     * when the answer is made (a client that goes away before reading it is billed all the same).
     */
    public long billedTokens() {
        return billedPromptTokens.get() + billedCompletionTokens.get();
    }

    public long billedPromptTokens() {
        return billedPromptTokens.get();
    }

    /** The part of {@link #billedPromptTokens()} that embedding requests were billed. */
    public long billedEmbeddingTokens() {
        return billedEmbeddingTokens.get();
    }

    public long billedCompletionTokens() {
        return billedCompletionTokens.get();
    }

    private void bill(long promptTokens, long completionTokens) {
        billedPromptTokens.addAndGet(promptTokens);
        billedCompletionTokens.addAndGet(completionTokens);
    }

    public int calls() {
        return requests.size();
    }

    public int calls(Endpoint endpoint) {
        return (int) requests.stream().filter(r -> r.endpoint() == endpoint).count();
    }

    public int calls(Outcome outcome) {
        return (int) outcomes.stream().filter(o -> o == outcome).count();
    }

    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    public RecordedRequest lastRequest() {
        return requests.getLast();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Matcher path = PATH.matcher(exchange.getRequestURI().getPath());
            if (!path.matches() || !exchange.getRequestMethod().equals("POST")) {
                send(exchange, 404, OpenAiWireFormat.error("no such endpoint", "invalid_request_error", null));
                return;
            }
            Endpoint endpoint =
                    switch (path.group("endpoint")) {
                        case "embeddings" -> Endpoint.EMBEDDINGS;
                        case "rerank" -> Endpoint.RERANK;
                        default -> Endpoint.CHAT;
                    };
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String query =
                    Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse("");
            requests.add(new RecordedRequest(
                    endpoint, path.group(), query, Map.copyOf(exchange.getRequestHeaders()), body, System.nanoTime()));
            respond(exchange, endpoint, path.group("deployment"), query, body);
        } catch (IOException e) {
            // the client gave up (timeout) before the answer: nothing to answer to
        }
    }

    // Outcomes are counted before answering, so a client that has its answer sees it counted.
    private void respond(HttpExchange exchange, Endpoint endpoint, String deployment, String query, String body)
            throws IOException {
        if (wrongKey(exchange)) {
            outcomes.add(Outcome.REJECTED);
            send(exchange, 401, OpenAiWireFormat.invalidKey(sentKey(exchange)));
            return;
        }
        if (deployment != null && !query.contains("api-version=")) {
            outcomes.add(Outcome.REJECTED);
            send(exchange, 404, OpenAiWireFormat.error("api-version is required", "invalid_request_error", null));
            return;
        }
        Optional<Fault> fault = faults.get(endpoint).next(body);
        outcomes.add(fault.map(FakeResponses::outcome).orElse(Outcome.OK));
        if (fault.isPresent() && fault.get() instanceof Fault.Slow slow) {
            sleep(slow);
        } else if (fault.isPresent()) {
            FakeResponses.sendFault(exchange, fault.get());
            return;
        }
        JsonNode request = OpenAiWireFormat.JSON.readTree(body);
        String model = deployment != null ? deployment : request.path("model").asText();
        if (endpoint == Endpoint.CHAT && request.path("stream").asBoolean(false)) {
            List<ChatMessage> messages = OpenAiWireFormat.messages(request);
            String content = chatResponder.apply(messages);
            bill(OpenAiWireFormat.promptTokens(messages), OpenAiWireFormat.completionTokens(content));
            stream(exchange, OpenAiWireFormat.chatCompletionStream(model, content));
            return;
        }
        send(
                exchange,
                200,
                switch (endpoint) {
                    case CHAT -> completion(model, request);
                    case EMBEDDINGS -> embeddings(model, request);
                    case RERANK -> rerank(model, request);
                });
    }

    /** Cohere's and Jina's answer: each document's index and relevance score, most relevant first. */
    private String rerank(String model, JsonNode request) {
        String question = request.path("query").asText();
        ArrayNode results = OpenAiWireFormat.JSON.createArrayNode();
        List<double[]> scored = new java.util.ArrayList<>();
        JsonNode documents = request.path("documents");
        for (int i = 0; i < documents.size(); i++) {
            scored.add(new double[] {
                i, rerankScorer.applyAsDouble(question, documents.get(i).asText())
            });
        }
        scored.sort((a, b) -> Double.compare(b[1], a[1]));
        int top = request.path("top_n").asInt(scored.size());
        for (double[] result : scored.subList(0, Math.min(top, scored.size()))) {
            results.addObject().put("index", (int) result[0]).put("relevance_score", result[1]);
        }
        ObjectNode answer = OpenAiWireFormat.JSON.createObjectNode().put("model", model);
        answer.set("results", results);
        return answer.toString();
    }

    /**
     * How the fake reranker scores a document for a query; by default the share of the query's words it contains,
     * so tests can tell what any real reranker would put first.
     */
    public FakeOpenAiServer rerankWith(ToDoubleBiFunction<String, String> scorer) {
        this.rerankScorer = scorer;
        return this;
    }

    private String completion(String model, JsonNode request) {
        List<ChatMessage> messages = OpenAiWireFormat.messages(request);
        String content = chatResponder.apply(messages);
        bill(OpenAiWireFormat.promptTokens(messages), OpenAiWireFormat.completionTokens(content));
        return OpenAiWireFormat.chatCompletion(model, content, OpenAiWireFormat.promptTokens(messages), reportUsage);
    }

    private String embeddings(String model, JsonNode request) {
        long tokens = OpenAiWireFormat.inputTokens(OpenAiWireFormat.inputs(request));
        billedEmbeddingTokens.addAndGet(tokens);
        bill(tokens, 0);
        return OpenAiWireFormat.embeddings(
                model, OpenAiWireFormat.inputs(request), dimensions.getOrDefault(model, dimension), reportUsage);
    }

    /**
     * Server-Sent Events as a provider sends them, event by event, each after the configured pause; with a stall
     * configured, the stream goes silent after that many events and then ends without {@code [DONE]}.
     */
    private void stream(HttpExchange exchange, String events) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (var out = exchange.getResponseBody()) {
            int sent = 0;
            for (String event : events.split("(?<=\n\n)")) {
                if (stallAfterEvents >= 0 && sent == stallAfterEvents) {
                    sleep(new Fault.Slow(stall));
                    return;
                }
                out.write(event.getBytes(StandardCharsets.UTF_8));
                out.flush();
                sent++;
                if (!streamPause.isZero()) {
                    sleep(new Fault.Slow(streamPause));
                }
            }
        }
    }

    /** Streamed completions send an event every {@code pause}. */
    public FakeOpenAiServer streamPause(Duration pause) {
        this.streamPause = pause;
        return this;
    }

    /** Streamed completions go silent for {@code stall} after {@code events} events, then end unfinished. */
    public FakeOpenAiServer streamStall(int events, Duration stall) {
        this.stallAfterEvents = events;
        this.stall = stall;
        return this;
    }

    private boolean wrongKey(HttpExchange exchange) {
        String required = requiredApiKey;
        return required != null && !sentKey(exchange).equals(required);
    }

    private static String sentKey(HttpExchange exchange) {
        String bearer = exchange.getRequestHeaders().getFirst("Authorization");
        String apiKey = exchange.getRequestHeaders().getFirst("api-key");
        return bearer != null ? bearer.replaceFirst("^Bearer ", "") : apiKey != null ? apiKey : "";
    }

    private static void sleep(Fault.Slow slow) {
        try {
            Thread.sleep(slow.delay());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
