package dev.hybridrag.query.api;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.query.QueryHandler;
import dev.hybridrag.query.http.ApiExchange;
import dev.hybridrag.query.http.Route;
import dev.hybridrag.query.mcp.LogBuffer;
import dev.hybridrag.query.mcp.TenantMcpServers;
import java.util.List;

/**
 * {@code /v1/tenants/{tenant}/mcp}: the tenant as an MCP server over Streamable HTTP (POST messages, GET the server's
 * event stream, DELETE to end a session), admitted by the tenant's keys like every tenant route (docs/mcp.md).
 */
final class McpResource implements AutoCloseable {

    private final TenantMcpServers servers;

    McpResource(Infrastructure infra, QueryHandler queries) {
        this.servers = new TenantMcpServers(infra, queries, LogBuffer.install());
    }

    List<Route> routes() {
        String template = "/v1/tenants/{tenant}/mcp";
        return List.of(
                Route.post(template, Object.class, this::serve),
                Route.get(template, Object.class, this::serve),
                Route.delete(template, Object.class, this::serve));
    }

    private void serve(ApiExchange exchange) throws Exception {
        servers.serve(exchange.tenant(), exchange.request(), exchange.response());
    }

    @Override
    public void close() {
        servers.close();
    }
}
