package dev.hybridrag.query.api;

import dev.hybridrag.query.http.ApiException;
import dev.hybridrag.query.http.ApiExchange;
import dev.hybridrag.query.http.Route;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The web UI at {@code /ui}: static files from the jar (no CDN, works offline), the graph library from its WebJar.
 * Same origin as the API, so the browser sends the key the user typed to the API and nowhere else.
 */
final class UiResource {

    /** The graph library, as its WebJar ships it; the version is the pom's (UiResourceTest fails when they differ). */
    static final String CYTOSCAPE = "/META-INF/resources/webjars/cytoscape/3.33.1/dist/cytoscape.min.js";

    private static final Pattern FILE = Pattern.compile("[a-z0-9-]+\\.(html|js|css|svg)|lib/cytoscape\\.min\\.js");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml");

    List<Route> routes() {
        return List.of(
                Route.get("/ui", Object.class, exchange -> serve(exchange, "index.html")),
                Route.get("/ui/", Object.class, exchange -> serve(exchange, "index.html")),
                Route.get("/ui/{file}", Object.class, exchange -> serve(exchange, exchange.variable("file"))));
    }

    private static void serve(ApiExchange exchange, String file) throws IOException {
        if (!FILE.matcher(file).matches()) {
            throw ApiException.notFound("no such file in the web UI");
        }
        String resource = file.startsWith("lib/") ? CYTOSCAPE : "/ui/" + file;
        try (InputStream in = UiResource.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw ApiException.notFound("no such file in the web UI");
            }
            exchange.response().setHeader("Cache-Control", "no-cache");
            exchange.response().setHeader("X-Content-Type-Options", "nosniff");
            exchange.response()
                    .setHeader("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'");
            exchange.sendBytes(200, TYPES.get(file.substring(file.lastIndexOf('.') + 1)), in.readAllBytes());
        }
    }
}
