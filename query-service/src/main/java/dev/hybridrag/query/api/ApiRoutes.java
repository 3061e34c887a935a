package dev.hybridrag.query.api;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.query.QueryHandler;
import dev.hybridrag.query.http.Route;
import dev.hybridrag.query.http.RouteTable;
import java.util.ArrayList;
import java.util.List;

/**
 * query-service's endpoints, resource by resource: the one list the router serves and {@code /v1/openapi.json}
 * describes (OpenApiTest holds the two together). A new resource adds its routes here.
 */
public final class ApiRoutes implements AutoCloseable {

    private final DocumentsResource documents;
    private final RouteTable table;

    public ApiRoutes(Infrastructure infra) {
        this.documents = new DocumentsResource(infra);
        List<Route> routes = new ArrayList<>();
        routes.addAll(new HealthResource(infra).routes());
        routes.add(Route.get("/v1/openapi.json", Object.class, OpenApi::serve));
        routes.addAll(new QueryResource(new QueryHandler(infra)).routes());
        routes.addAll(documents.routes());
        routes.addAll(new StatusResource(infra).routes());
        routes.addAll(new GraphResource(infra).routes());
        this.table = new RouteTable(routes);
    }

    public RouteTable table() {
        return table;
    }

    @Override
    public void close() {
        documents.close();
    }
}
