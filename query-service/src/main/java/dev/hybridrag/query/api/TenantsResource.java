package dev.hybridrag.query.api;

import dev.hybridrag.query.http.ApiExchange;
import dev.hybridrag.query.http.Route;
import dev.hybridrag.query.http.TenantAccess;
import java.util.List;

/** {@code GET /v1/tenants}: the tenants the presented key opens (and those that need no key), for the web UI. */
final class TenantsResource {

    record TenantList(List<TenantEntry> tenants) {}

    record TenantEntry(String id, boolean keyRequired) {}

    private final TenantAccess access;

    TenantsResource(TenantAccess access) {
        this.access = access;
    }

    List<Route> routes() {
        return List.of(Route.get("/v1/tenants", TenantList.class, this::list));
    }

    private void list(ApiExchange exchange) throws Exception {
        exchange.sendJson(
                200,
                new TenantList(access.opened(exchange.presentedKey()).stream()
                        .map(t -> new TenantEntry(t.id().value(), t.apiKeys().required()))
                        .toList()));
    }
}
