package dev.hybridrag.query.api;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.storage.GraphBrowser;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.query.http.ApiException;
import dev.hybridrag.query.http.ApiExchange;
import dev.hybridrag.query.http.Route;
import java.util.List;

/** Browsing a tenant's graph: entities by name, and one entity's neighbourhood. */
record GraphResource(Infrastructure infra) {

    record EntityPage(List<GraphBrowser.EntitySummary> entities, int limit) {}

    private static final GraphBrowser GRAPH = new GraphBrowser();

    List<Route> routes() {
        return List.of(
                Route.get("/v1/tenants/{tenant}/graph/entities", EntityPage.class, this::search),
                Route.get(
                        "/v1/tenants/{tenant}/graph/entities/{name}", GraphBrowser.EntityDetail.class, this::describe));
    }

    private void search(ApiExchange exchange) throws Exception {
        String text = exchange.parameter("q", "").strip();
        if (text.isEmpty() || text.length() > 200) {
            throw ApiException.badRequest("q", "give the name to search for as ?q=text (1 to 200 characters)");
        }
        int limit = exchange.intParameter("limit", 20, 1, 200);
        TenantConfig tenant = exchange.tenant();
        exchange.sendJson(
                200, new EntityPage(GRAPH.search(infra.dataSource(tenant), tenant.workspace(), text, limit), limit));
    }

    private void describe(ApiExchange exchange) throws Exception {
        String name = exchange.variable("name");
        int depth = exchange.intParameter("depth", 1, 1, 3);
        int limit = exchange.intParameter("limit", 50, 1, 500);
        if (name.length() > 1000) {
            throw ApiException.badRequest("name", "entity name is longer than 1000 characters");
        }
        TenantConfig tenant = exchange.tenant();
        GraphBrowser.EntityDetail entity = GRAPH.describe(
                        infra.dataSource(tenant), tenant.workspace(), name, depth, limit)
                .orElseThrow(() -> ApiException.notFound("no entity named '" + clip(name) + "' in this tenant"));
        exchange.sendJson(200, entity);
    }

    private static String clip(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }
}
