package dev.hybridrag.query.api;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.storage.TenantStatus;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.query.http.ApiExchange;
import dev.hybridrag.query.http.Route;
import java.util.List;
import java.util.Map;

/** {@code GET /v1/tenants/{tenant}/status}: documents by status, chunks, graph size and the last update. */
record StatusResource(Infrastructure infra) {

    /** The status as the API sends it. */
    record TenantStatusView(
            String tenant,
            Map<String, Long> documents,
            long chunks,
            long entities,
            long relations,
            long graphKeysSettling,
            String lastUpdate) {}

    List<Route> routes() {
        return List.of(Route.get("/v1/tenants/{tenant}/status", TenantStatusView.class, this::status));
    }

    private void status(ApiExchange exchange) throws Exception {
        TenantConfig tenant = exchange.tenant();
        TenantStatus status = TenantStatus.load(infra.dataSource(tenant), tenant.workspace());
        exchange.sendJson(
                200,
                new TenantStatusView(
                        tenant.id().value(),
                        status.documents(),
                        status.chunks(),
                        status.entities(),
                        status.relations(),
                        status.settlingKeys(),
                        status.lastUpdate().map(Object::toString).orElse(null)));
    }
}
