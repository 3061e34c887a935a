package dev.hybridrag.query;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.query.api.ApiRoutes;
import dev.hybridrag.query.http.HttpServer;
import dev.hybridrag.query.http.HttpWalls;
import java.io.IOException;
import java.net.InetSocketAddress;

/** query-service: the HTTP API of {@link ApiRoutes}, served by {@link HttpServer}. */
public final class QueryServer implements AutoCloseable {

    private final ApiRoutes routes;
    private final HttpServer server;

    public QueryServer(Infrastructure infra, InetSocketAddress address) {
        HttpWalls walls = HttpWalls.from(infra.environment());
        walls.checkExposure(address, infra.tenants());
        this.routes = new ApiRoutes(infra);
        this.server = new HttpServer(address, routes.table(), routes.access(), walls);
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
