package dev.hybridrag.query.api;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.config.Settings;
import dev.hybridrag.core.intake.LazyIntake;
import dev.hybridrag.query.QueryHandler;
import dev.hybridrag.query.QuerySettings;
import dev.hybridrag.query.http.Route;
import dev.hybridrag.query.http.RouteTable;
import dev.hybridrag.query.http.TenantAccess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * query-service's endpoints, resource by resource: the one list the router serves and {@code /v1/openapi.json}
 * describes (OpenApiTest holds the two together). A new resource adds its routes here.
 */
public final class ApiRoutes implements AutoCloseable {

    private final LazyIntake intake;
    private final McpResource mcp;
    private final TenantAccess access;
    private final RouteTable table;

    public ApiRoutes(Infrastructure infra) {
        this.intake = new LazyIntake(infra, "query-service");
        this.access = new TenantAccess(
                infra.tenants(),
                QuerySettings.from(infra.environment()).apiKeyRequestsPerMinute(),
                Duration.ofMinutes(1),
                infra.clock());
        QueryHandler queries = new QueryHandler(infra);
        this.mcp = new McpResource(infra, queries);
        List<Route> routes = new ArrayList<>();
        routes.addAll(new HealthResource(infra).routes());
        routes.addAll(new MetricsResource(infra).routes());
        routes.addAll(new UiResource().routes());
        routes.addAll(new TenantsResource(access).routes());
        routes.add(Route.get("/v1/openapi.json", Object.class, OpenApi::serve));
        routes.addAll(new QueryResource(queries).routes());
        routes.addAll(new DocumentsResource(infra, intake).routes());
        routes.addAll(new IntakeResource(intake, infra.environment().getLong(Settings.MAX_FILE_BYTES), infra.clock())
                .routes());
        routes.addAll(new TrackResource(infra).routes());
        routes.addAll(new StatusResource(infra).routes());
        routes.addAll(new GraphResource(infra).routes());
        routes.addAll(new OllamaResource(queries).routes());
        routes.addAll(mcp.routes());
        this.table = new RouteTable(routes);
    }

    /** Who may use which tenant: the router admits tenant routes through it. */
    public TenantAccess access() {
        return access;
    }

    public RouteTable table() {
        return table;
    }

    @Override
    public void close() {
        mcp.close();
        intake.close();
    }
}
