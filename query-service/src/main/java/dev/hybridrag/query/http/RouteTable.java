package dev.hybridrag.query.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every endpoint of the server in one list: what the router matches and what {@code /v1/openapi.json} lists. */
public final class RouteTable {

    /** A route found for a request, with the path's variables. */
    public record Match(Route route, Map<String, String> variables) {}

    private final List<Route> routes;

    public RouteTable(List<Route> routes) {
        this.routes = List.copyOf(routes);
        List<String> seen = new ArrayList<>();
        for (Route route : routes) {
            if (seen.contains(route.endpoint())) {
                throw new IllegalArgumentException("two routes for " + route.endpoint());
            }
            seen.add(route.endpoint());
        }
    }

    public List<Route> routes() {
        return routes;
    }

    /** @throws ApiException 404 when no template fits the path, 405 when one fits but not for this method */
    public Match match(String method, String path) {
        List<String> allowed = new ArrayList<>();
        for (Route route : routes) {
            Optional<Map<String, String>> variables = route.match(path);
            if (variables.isEmpty()) {
                continue;
            }
            if (route.method().equals(method)) {
                return new Match(route, variables.get());
            }
            allowed.add(route.method());
        }
        if (allowed.isEmpty()) {
            throw ApiException.notFound("no such endpoint: " + method + " " + clip(path));
        }
        throw new ApiException(405, "", "method " + method + " not allowed here; use " + String.join(" or ", allowed));
    }

    private static String clip(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
