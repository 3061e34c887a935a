package dev.hybridrag.query.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Browser requests from other origins are refused unless their origin is on this machine (a loopback name) or
 * HYBRIDRAG_HTTP_ALLOWED_ORIGINS names it; allowed
 * ones get proper CORS answers, preflights included. Browsers send Origin on every cross-origin request and on
 * same-origin POSTs, so a request whose Origin is this service's own (the web UI) passes, and tools that send no
 * Origin (curl, the CLI, MCP clients) are not browsers and pass too.
 */
final class CrossOrigin extends WallFilter {

    private static final String METHODS = "GET, POST, DELETE, OPTIONS";
    private static final String HEADERS = "Authorization, Content-Type, X-API-Key, Accept, Last-Event-ID";
    private static final String MAX_AGE_SECONDS = "600";

    private final Set<String> allowed;

    CrossOrigin(Set<String> allowedOrigins) {
        this.allowed = allowedOrigins;
    }

    @Override
    void filter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String origin = request.getHeader("Origin");
        if (origin == null || sameOrigin(origin, request.getHeader("Host"))) {
            chain.doFilter(request, response);
            return;
        }
        if (!allowed.contains(origin.toLowerCase(Locale.ROOT)) && !loopback(origin)) {
            refuse(
                    response,
                    403,
                    "cross-origin requests from this origin are refused; an operator can allow it in"
                            + " HYBRIDRAG_HTTP_ALLOWED_ORIGINS (docs/security.md)",
                    Map.of("Vary", "Origin"));
            return;
        }
        allow(response, origin);
        if ("OPTIONS".equals(request.getMethod()) && request.getHeader("Access-Control-Request-Method") != null) {
            response.setHeader("Access-Control-Allow-Methods", METHODS);
            response.setHeader("Access-Control-Allow-Headers", HEADERS);
            response.setHeader("Access-Control-Max-Age", MAX_AGE_SECONDS);
            response.setStatus(204);
            return;
        }
        // Error answers reset the response: the allowed origin must still be able to read them.
        chain.doFilter(request, new HttpServletResponseWrapper(response) {
            @Override
            public void reset() {
                super.reset();
                allow(response, origin);
            }
        });
    }

    private static void allow(HttpServletResponse response, String origin) {
        response.setHeader("Access-Control-Allow-Origin", origin);
        response.setHeader("Vary", "Origin");
    }

    // A page served from this machine (the MCP Inspector on localhost:6274, say), like the Host allow-list's default.
    private static boolean loopback(String origin) {
        int start = origin.indexOf("://");
        String host = HostAllowList.hostName(start < 0 ? origin : origin.substring(start + 3));
        return host != null && Set.of("localhost", "127.0.0.1", "[::1]").contains(host);
    }

    // http://host:port sent by a page this service served itself.
    private static boolean sameOrigin(String origin, String host) {
        return host != null
                && (origin.equalsIgnoreCase("http://" + host) || origin.equalsIgnoreCase("https://" + host));
    }
}
