package dev.hybridrag.query;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.query.api.ApiRoutes;
import dev.hybridrag.query.http.HttpServer;
import dev.hybridrag.query.http.TenantAccess;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

/** query-service: the HTTP API of {@link ApiRoutes}, served by {@link HttpServer}. */
public final class QueryServer implements AutoCloseable {

    private final ApiRoutes routes;
    private final HttpServer server;

    public QueryServer(Infrastructure infra, InetSocketAddress address) {
        this.routes = new ApiRoutes(infra);
        TenantAccess access = new TenantAccess(
                infra.tenants(),
                QuerySettings.from(infra.environment()).apiKeyRequestsPerMinute(),
                Duration.ofMinutes(1),
                infra.clock());
        this.server = new HttpServer(address, routes.table(), access);
    }

    public void start() throws IOException {
        server.start();
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            routes.close();
        }
    }
}
