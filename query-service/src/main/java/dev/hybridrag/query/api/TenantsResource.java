package dev.hybridrag.query.api;

import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.query.http.ApiException;
import dev.hybridrag.query.http.ApiExchange;
import dev.hybridrag.query.http.Route;
import dev.hybridrag.query.http.TenantAccess;
import java.util.List;

/** {@code GET /v1/tenants}: the tenants the presented key opens (and those that need no key), for the web UI. */
record TenantsResource(TenantAccess access) {

    record TenantList(List<TenantEntry> tenants) {}

    /** {@code writes}: whether documents may be added over the API (the web UI shows its add form then). */
    record TenantEntry(String id, boolean keyRequired, boolean writes) {}

    List<Route> routes() {
        return List.of(Route.get("/v1/tenants", TenantList.class, this::list));
    }

    private void list(ApiExchange exchange) throws Exception {
        String key = exchange.presentedKey();
        List<TenantConfig> opened = access.opened(key);
        if (key != null
                && !key.isBlank()
                && opened.stream().noneMatch(t -> t.apiKeys().accepts(key))) {
            // A key that opens nothing is a mistyped or revoked key: say so rather than list only open tenants.
            throw new ApiException(401, "", "this API key opens no tenant");
        }
        exchange.sendJson(
                200,
                new TenantList(opened.stream()
                        .map(t -> new TenantEntry(t.id().value(), t.apiKeys().required(), t.writes()))
                        .toList()));
    }
}
