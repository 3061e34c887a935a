package dev.hybridrag.query.api;

import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.query.QueryHandler;
import dev.hybridrag.query.QueryRequest;
import dev.hybridrag.query.QueryResponse;
import dev.hybridrag.query.http.ApiExchange;
import dev.hybridrag.query.http.EventStream;
import dev.hybridrag.query.http.Route;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code POST /v1/tenants/{tenant}/query}: an answer as JSON, or streamed as Server-Sent Events. */
record QueryResource(QueryHandler queries) {

    private static final Logger log = LoggerFactory.getLogger(QueryResource.class);

    List<Route> routes() {
        return List.of(Route.post("/v1/tenants/{tenant}/query", QueryResponse.class, this::query));
    }

    private void query(ApiExchange exchange) throws Exception {
        QueryRequest request = QueryRequest.from(exchange.readJson());
        if (request.streamsAnswer()) {
            stream(exchange, exchange.tenant(), request);
        } else {
            exchange.sendJson(200, queries.answer(exchange.tenant(), request));
        }
    }

    /**
     * {@code delta} events with pieces of the answer as they are written, then one {@code done} event with the mode
     * and the references (or {@code error}, when it failed after it had begun).
     */
    private void stream(ApiExchange exchange, TenantConfig tenant, QueryRequest request) throws Exception {
        EventStream events = exchange.eventStream();
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
}
