package dev.hybridrag.query.api;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.query.http.ApiExchange;
import dev.hybridrag.query.http.Route;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code /healthz} (the process answers) and {@code /readyz} (every tenant's PostgreSQL answers). */
final class HealthResource {

    record Health(String status) {}

    record Readiness(String status, String error) {}

    private static final Logger log = LoggerFactory.getLogger(HealthResource.class);
    private static final int READY_TIMEOUT_SECONDS = 3;

    private final Infrastructure infra;

    HealthResource(Infrastructure infra) {
        this.infra = infra;
    }

    List<Route> routes() {
        return List.of(
                Route.get("/healthz", Health.class, exchange -> exchange.sendJson(200, new Health("ok"))),
                Route.get("/readyz", Readiness.class, this::readiness));
    }

    private void readiness(ApiExchange exchange) throws Exception {
        for (TenantConfig tenant : infra.tenants().all()) {
            if (!reachable(tenant)) {
                // Unauthenticated: which tenant is down goes to the log, not to the caller.
                exchange.sendJson(
                        503,
                        new Readiness(
                                "unavailable", "PostgreSQL is not reachable for a tenant; see the query-service log"));
                return;
            }
        }
        exchange.sendJson(200, new Readiness("ready", null));
    }

    private boolean reachable(TenantConfig tenant) {
        CompletableFuture<Boolean> check = CompletableFuture.supplyAsync(
                () -> {
                    try (Connection connection = infra.dataSource(tenant).getConnection()) {
                        return connection.isValid(READY_TIMEOUT_SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                },
                command -> Thread.ofVirtual().name("readyz").start(command));
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
}
