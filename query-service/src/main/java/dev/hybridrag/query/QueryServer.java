package dev.hybridrag.query;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.kafka.FileEventPublisher;
import dev.hybridrag.core.storage.DocumentRepository;
import dev.hybridrag.core.storage.DocumentStatus;
import dev.hybridrag.core.tenant.TenantConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** query-service: the HTTP API, on the JDK's HttpServer with a virtual thread per request. */
public final class QueryServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(QueryServer.class);
    private static final Pattern TENANT_ROUTE = Pattern.compile("^/v1/tenants/([^/]+)/(query|documents)$");

    private final Infrastructure infra;
    private final QueryHandler queries;
    private final DocumentRepository documents = new DocumentRepository();
    private final InetSocketAddress address;
    private HttpServer server;
    private FileEventPublisher deletions;
    private ExecutorService executor;

    public QueryServer(Infrastructure infra, InetSocketAddress address) {
        this.infra = infra;
        this.queries = new QueryHandler(infra);
        this.address = address;
    }

    public void start() throws IOException {
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
                HttpExchanges.sendError(exchange, e.status(), e.field(), e.getMessage());
            } catch (Exception e) {
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
        if (path.equals("/healthz")) {
            requireMethod(method, "GET");
            HttpExchanges.sendJson(exchange, 200, Map.of("status", "ok"));
            return;
        }
        Matcher tenantRoute = TENANT_ROUTE.matcher(path);
        if (!tenantRoute.matches()) {
            throw ApiException.notFound("no such endpoint: " + method + " " + path);
        }
        String tenantId = tenantRoute.group(1);
        TenantConfig tenant = infra.tenants()
                .find(tenantId)
                .orElseThrow(() -> ApiException.notFound("unknown tenant '" + printable(tenantId) + "'"));
        switch (tenantRoute.group(2)) {
            case "query" -> {
                requireMethod(method, "POST");
                QueryRequest request = QueryRequest.from(HttpExchanges.readJson(exchange));
                HttpExchanges.sendJson(exchange, 200, queries.answer(tenant, request));
            }
            case "documents" -> {
                if (method.equals("DELETE")) {
                    deleteDocuments(exchange, tenant);
                } else {
                    requireMethod(method, "GET");
                    listDocuments(exchange, tenant);
                }
            }
            default -> throw ApiException.notFound("no such endpoint: " + path);
        }
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
                throw ApiException.badRequest("status", "status must be one of pending, processing, processed, failed");
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
            if (path.length() > 4096 || path.startsWith("/") || path.indexOf(0) >= 0) {
                throw ApiException.badRequest("path", "path must be relative to the watch root");
            }
        }
        for (String path : paths) {
            deletions()
                    .publishDelete(
                            tenant.id().value(),
                            path,
                            infra.clock().instant(),
                            infra.clock().millis());
        }
        HttpExchanges.sendJson(exchange, 202, Map.of("deleting", paths));
    }

    private synchronized FileEventPublisher deletions() {
        if (deletions == null) {
            deletions = new FileEventPublisher(infra.kafka().producer("query-service"));
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

    private static void requireMethod(String actual, String expected) {
        if (!expected.equals(actual)) {
            throw new ApiException(405, "", "method " + actual + " not allowed here; use " + expected);
        }
    }

    // Tenant ids from URLs are echoed back only when they are plausible ids, never arbitrary text.
    private static String printable(String id) {
        return id.matches("[A-Za-z0-9_-]{1,63}") ? id : "(invalid id)";
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
