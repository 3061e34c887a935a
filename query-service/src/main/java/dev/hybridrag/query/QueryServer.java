package dev.hybridrag.query;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.embed.EmbeddingMismatchException;
import dev.hybridrag.core.intake.DocumentIntake;
import dev.hybridrag.core.kafka.Failures;
import dev.hybridrag.core.llm.EmbeddingFailedException;
import dev.hybridrag.core.storage.DocumentRepository;
import dev.hybridrag.core.storage.DocumentStatus;
import dev.hybridrag.core.storage.GraphBrowser;
import dev.hybridrag.core.storage.TenantStatus;
import dev.hybridrag.core.tenant.TenantConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** query-service: the HTTP API, on the JDK's HttpServer with a virtual thread per request. */
public final class QueryServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(QueryServer.class);
    private static final Pattern TENANT_ROUTE =
            Pattern.compile("^/v1/tenants/([^/]+)/(query|documents|status|graph/entities)(?:/(.+))?$");
    private static final int READY_TIMEOUT_SECONDS = 3;
    /** What a 503 asks the caller to wait when the tenant's database is unreachable or its connections are taken. */
    private static final int DATABASE_RETRY_AFTER_SECONDS = 5;

    /** Every endpoint, as {@code /v1/openapi.json} lists them: a test holds the two together. */
    static final List<String> ENDPOINTS = List.of(
            "GET /healthz",
            "GET /readyz",
            "GET /v1/openapi.json",
            "POST /v1/tenants/{tenant}/query",
            "GET /v1/tenants/{tenant}/documents",
            "DELETE /v1/tenants/{tenant}/documents",
            "GET /v1/tenants/{tenant}/status",
            "GET /v1/tenants/{tenant}/graph/entities",
            "GET /v1/tenants/{tenant}/graph/entities/{name}");

    private final Infrastructure infra;
    private final QueryHandler queries;
    private final TenantAccess access;
    private final DocumentRepository documents = new DocumentRepository();
    private final GraphBrowser graph = new GraphBrowser();
    private final InetSocketAddress address;
    private HttpServer server;
    private DocumentIntake deletions;
    private ExecutorService executor;

    public QueryServer(Infrastructure infra, InetSocketAddress address) {
        this.infra = infra;
        this.queries = new QueryHandler(infra);
        this.access = new TenantAccess(
                infra.tenants(),
                QuerySettings.from(infra.environment()).apiKeyRequestsPerMinute(),
                Duration.ofMinutes(1),
                infra.clock());
        this.address = address;
    }

    public void start() throws IOException {
        // The JDK's server leaves Nagle's algorithm on: an answer's last segment then waits for the client's
        // delayed ACK, tens of milliseconds on every request (docs/benchmarks/query.md). Read once, when the
        // server classes load, so it is set before the first server is made; an operator's -D still wins.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        executor = Executors.newVirtualThreadPerTaskExecutor();
        server = HttpServer.create(address, 64);
        server.setExecutor(executor);
        server.createContext("/", this::dispatch);
        server.start();
        log.info("query-service listening on http://{}:{}", address.getHostString(), port());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                route(exchange);
            } catch (ApiException e) {
                if (e.retryAfterSeconds() > 0) {
                    exchange.getResponseHeaders().set("Retry-After", Long.toString(e.retryAfterSeconds()));
                }
                if (e.status() == 401) {
                    exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
                }
                HttpExchanges.sendError(exchange, e.status(), e.field(), e.getMessage());
            } catch (EmbeddingMismatchException e) {
                // The tenant's vectors cannot be searched with the question's model now; the message says why.
                log.warn("{}: {}", exchange.getRequestURI().getPath(), e.getMessage());
                HttpExchanges.sendError(exchange, 409, "", e.getMessage());
            } catch (EmbeddingFailedException e) {
                // Provider messages are written to be shown (keys are never in them), as in answers.
                log.warn(
                        "{}: embedding the question failed: {}",
                        exchange.getRequestURI().getPath(),
                        e.getMessage());
                HttpExchanges.sendError(exchange, 502, "", "embedding the question failed: " + e.getMessage());
            } catch (Exception e) {
                if (Failures.isDatabaseUnavailable(e)) {
                    log.warn(
                            "{} {}: the database is unavailable: {}",
                            exchange.getRequestMethod(),
                            exchange.getRequestURI().getPath(),
                            e.getMessage());
                    exchange.getResponseHeaders().set("Retry-After", Long.toString(DATABASE_RETRY_AFTER_SECONDS));
                    HttpExchanges.sendError(
                            exchange, 503, "", "the tenant's database is unavailable or busy; try again shortly");
                    return;
                }
                // Details go to the log only: SQL, stack traces and settings never reach the caller.
                log.error(
                        "{} {} failed",
                        exchange.getRequestMethod(),
                        exchange.getRequestURI().getPath(),
                        e);
                HttpExchanges.sendError(exchange, 500, "", "internal error; see the query-service log");
            }
        }
    }

    private void route(HttpExchange exchange) throws Exception {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        switch (path) {
            case "/healthz" -> {
                requireMethod(method, "GET");
                HttpExchanges.sendJson(exchange, 200, Map.of("status", "ok"));
                return;
            }
            case "/readyz" -> {
                requireMethod(method, "GET");
                readiness(exchange);
                return;
            }
            case "/v1/openapi.json" -> {
                requireMethod(method, "GET");
                HttpExchanges.sendBytes(exchange, 200, "application/json; charset=utf-8", OpenApi.document());
                return;
            }
            default -> {}
        }
        Matcher tenantRoute = TENANT_ROUTE.matcher(path);
        if (!tenantRoute.matches()) {
            throw ApiException.notFound("no such endpoint: " + method + " " + path);
        }
        TenantConfig tenant = access.admit(tenantRoute.group(1), presentedKey(exchange));
        String name = tenantRoute.group(3);
        switch (tenantRoute.group(2)) {
            case "query" -> {
                requireMethod(method, "POST");
                requireNoName(name, path);
                QueryRequest request = QueryRequest.from(HttpExchanges.readJson(exchange));
                if (request.streamsAnswer()) {
                    streamAnswer(exchange, tenant, request);
                } else {
                    HttpExchanges.sendJson(exchange, 200, queries.answer(tenant, request));
                }
            }
            case "documents" -> {
                requireNoName(name, path);
                if (method.equals("DELETE")) {
                    deleteDocuments(exchange, tenant);
                } else {
                    requireMethod(method, "GET");
                    listDocuments(exchange, tenant);
                }
            }
            case "status" -> {
                requireMethod(method, "GET");
                requireNoName(name, path);
                HttpExchanges.sendJson(exchange, 200, status(tenant));
            }
            case "graph/entities" -> {
                requireMethod(method, "GET");
                if (name == null) {
                    searchEntities(exchange, tenant);
                } else {
                    describeEntity(exchange, tenant, name);
                }
            }
            default -> throw ApiException.notFound("no such endpoint: " + path);
        }
    }

    /**
     * The answer as Server-Sent Events: {@code delta} events with pieces of the answer as they are written, then one
     * {@code done} event with the mode and the references (or {@code error}, when it failed after it had begun).
     */
    private void streamAnswer(HttpExchange exchange, TenantConfig tenant, QueryRequest request) throws Exception {
        EventStream events = new EventStream(exchange);
        try {
            QueryResponse response =
                    queries.answer(tenant, request, piece -> events.send("delta", Map.of("delta", piece)));
            Map<String, Object> done = new LinkedHashMap<>();
            done.put("mode", response.mode());
            done.put("references", response.references());
            events.send("done", done);
        } catch (UncheckedIOException gone) {
            if (!events.started()) {
                throw gone;
            }
            // The client stopped listening: an ordinary end, nobody left to answer.
            log.info("tenant {}: the client left while its answer streamed", tenant.id());
        } catch (Exception | Error e) {
            if (!events.started()) {
                throw e; // answered as an ordinary JSON error
            }
            log.error("streaming an answer for tenant {} failed", tenant.id(), e);
            try {
                events.send("error", Map.of("error", "internal error; see the query-service log"));
            } catch (UncheckedIOException gone) {
                // the client has gone; nobody to tell
            }
        } finally {
            events.close();
        }
    }

    /** Ready when every tenant's PostgreSQL answers within a few seconds. */
    private void readiness(HttpExchange exchange) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        for (TenantConfig tenant : infra.tenants().all()) {
            if (!reachable(tenant)) {
                body.put("status", "unavailable");
                // Unauthenticated: which tenant is down goes to the log, not to the caller.
                body.put("error", "PostgreSQL is not reachable for a tenant; see the query-service log");
                HttpExchanges.sendJson(exchange, 503, body);
                return;
            }
        }
        body.put("status", "ready");
        HttpExchanges.sendJson(exchange, 200, body);
    }

    private boolean reachable(TenantConfig tenant) {
        Future<Boolean> check = executor.submit(() -> {
            try (Connection connection = infra.dataSource(tenant).getConnection()) {
                return connection.isValid(READY_TIMEOUT_SECONDS);
            }
        });
        try {
            return check.get(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            check.cancel(true);
            log.warn("readyz: tenant {} database unreachable: {}", tenant.id(), e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Map<String, Object> status(TenantConfig tenant) throws Exception {
        TenantStatus status = TenantStatus.load(infra.dataSource(tenant), tenant.workspace());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tenant", tenant.id().value());
        body.put("documents", status.documents());
        body.put("chunks", status.chunks());
        body.put("entities", status.entities());
        body.put("relations", status.relations());
        body.put("graph_keys_settling", status.settlingKeys());
        body.put("last_update", status.lastUpdate().map(Object::toString).orElse(null));
        return body;
    }

    private void searchEntities(HttpExchange exchange, TenantConfig tenant) throws Exception {
        Map<String, String> parameters = HttpExchanges.queryParameters(exchange);
        String text = parameters.getOrDefault("q", "").strip();
        if (text.isEmpty() || text.length() > 200) {
            throw ApiException.badRequest("q", "give the name to search for as ?q=text (1 to 200 characters)");
        }
        int limit = intParameter(parameters, "limit", 20, 1, 200);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("entities", graph.search(infra.dataSource(tenant), tenant.workspace(), text, limit));
        body.put("limit", limit);
        HttpExchanges.sendJson(exchange, 200, body);
    }

    private void describeEntity(HttpExchange exchange, TenantConfig tenant, String name) throws Exception {
        Map<String, String> parameters = HttpExchanges.queryParameters(exchange);
        int depth = intParameter(parameters, "depth", 1, 1, 3);
        int limit = intParameter(parameters, "limit", 50, 1, 500);
        if (name.length() > 1000) {
            throw ApiException.badRequest("name", "entity name is longer than 1000 characters");
        }
        GraphBrowser.EntityDetail entity = graph.describe(
                        infra.dataSource(tenant), tenant.workspace(), name, depth, limit)
                .orElseThrow(() -> ApiException.notFound("no entity named '" + clip(name) + "' in this tenant"));
        HttpExchanges.sendJson(exchange, 200, entity);
    }

    private void listDocuments(HttpExchange exchange, TenantConfig tenant) throws Exception {
        Map<String, String> parameters = HttpExchanges.queryParameters(exchange);
        int limit = intParameter(parameters, "limit", 100, 1, 1000);
        int offset = intParameter(parameters, "offset", 0, 0, Integer.MAX_VALUE);
        Optional<DocumentStatus> status = Optional.empty();
        String wanted = parameters.getOrDefault("status", "");
        if (!wanted.isEmpty()) {
            try {
                status = Optional.of(DocumentStatus.fromLabel(wanted));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(
                        "status",
                        "status must be one of "
                                + String.join(
                                        ", ",
                                        Arrays.stream(DocumentStatus.values())
                                                .filter(s -> s != DocumentStatus.DELETED)
                                                .map(DocumentStatus::label)
                                                .toList()));
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("documents", documents.list(infra.dataSource(tenant), tenant.workspace(), status, limit, offset));
        body.put("limit", limit);
        body.put("offset", offset);
        HttpExchanges.sendJson(exchange, 200, body);
    }

    /** Removes documents from the index, as if their files were deleted; answers 202 (the pipeline applies it). */
    private void deleteDocuments(HttpExchange exchange, TenantConfig tenant) throws Exception {
        List<String> paths = HttpExchanges.queryValues(exchange).getOrDefault("path", List.of()).stream()
                .filter(path -> !path.isBlank())
                .toList();
        if (paths.isEmpty()) {
            throw ApiException.badRequest(
                    "path", "give the documents to delete as ?path=relative/path.md (repeatable)");
        }
        for (String path : paths) {
            // Paths are document names, as /documents lists them: relative to a watch root, or absolute for files
            // `hybridrag ingest` took from elsewhere.
            if (path.length() > 4096 || path.indexOf(0) >= 0) {
                throw ApiException.badRequest("path", "path must be a document path as /documents lists it");
            }
        }
        for (String path : paths) {
            deletions().delete(tenant, path);
        }
        HttpExchanges.sendJson(exchange, 202, Map.of("deleting", paths));
    }

    private synchronized DocumentIntake deletions() {
        if (deletions == null) {
            deletions = new DocumentIntake(infra, "query-service");
        }
        return deletions;
    }

    private static int intParameter(Map<String, String> parameters, String name, int fallback, int min, int max) {
        String raw = parameters.get(name);
        if (raw == null || raw.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ApiException.badRequest(name, "'" + name + "' must be a whole number from " + min + " to " + max);
    }

    /** The key a request carries, as a bearer token or X-API-Key; null when it carries none. */
    private static String presentedKey(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7)
                : exchange.getRequestHeaders().getFirst("X-API-Key");
    }

    private static void requireNoName(String name, String path) {
        if (name != null) {
            throw ApiException.notFound("no such endpoint: " + path);
        }
    }

    private static String clip(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }

    private static void requireMethod(String actual, String expected) {
        if (!expected.equals(actual)) {
            throw new ApiException(405, "", "method " + actual + " not allowed here; use " + expected);
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(1);
        }
        if (executor != null) {
            executor.close();
        }
        if (deletions != null) {
            deletions.close();
        }
    }
}
