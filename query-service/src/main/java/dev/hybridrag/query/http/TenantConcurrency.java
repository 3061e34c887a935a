package dev.hybridrag.query.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * At most so many requests of one tenant in flight at once (HYBRIDRAG_HTTP_TENANT_CONCURRENCY), answer streams
 * included, so one tenant's clients (or one client that opens streams and stops reading) cannot take every worker
 * thread and database connection from the others. Beyond it: 429 with Retry-After.
 */
final class TenantConcurrency extends WallFilter {

    private static final String PREFIX = "/v1/tenants/";

    private final int limit;
    // Only tenants with requests in flight have an entry: the map is bounded by the requests, not by URLs.
    private final Map<String, Integer> inFlight = new ConcurrentHashMap<>();

    TenantConcurrency(int limit) {
        this.limit = limit;
    }

    @Override
    void filter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String tenant = tenant(request.getRequestURI());
        if (tenant == null) {
            chain.doFilter(request, response);
            return;
        }
        AtomicBoolean admitted = new AtomicBoolean();
        inFlight.compute(tenant, (id, count) -> {
            int current = count == null ? 0 : count;
            if (current >= limit) {
                return count;
            }
            admitted.set(true);
            return current + 1;
        });
        if (!admitted.get()) {
            refuse(
                    response,
                    429,
                    "tenant '" + TenantAccess.printable(tenant) + "' has " + limit + " requests in flight already;"
                            + " retry shortly",
                    Map.of("Retry-After", "1"));
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            inFlight.computeIfPresent(tenant, (id, count) -> count <= 1 ? null : count - 1);
        }
    }

    static String tenant(String uri) {
        if (uri == null || !uri.startsWith(PREFIX)) {
            return null;
        }
        int end = uri.indexOf('/', PREFIX.length());
        String id = end < 0 ? uri.substring(PREFIX.length()) : uri.substring(PREFIX.length(), end);
        return id.isEmpty() ? null : id;
    }
}
