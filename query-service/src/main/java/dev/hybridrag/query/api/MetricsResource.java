package dev.hybridrag.query.api;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.metrics.PrometheusMetrics;
import dev.hybridrag.query.http.Route;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code GET /metrics}: the process's meters in the Prometheus text format, unauthenticated like {@code /healthz}
 * (names and labels hold no secret and no document text; docs/metrics.md).
 */
final class MetricsResource {

    private final Infrastructure infra;

    MetricsResource(Infrastructure infra) {
        this.infra = infra;
    }

    List<Route> routes() {
        return List.of(Route.get(
                "/metrics",
                Object.class,
                exchange -> exchange.sendBytes(
                        200,
                        PrometheusMetrics.CONTENT_TYPE,
                        infra.metrics().scrape().getBytes(StandardCharsets.UTF_8))));
    }
}
