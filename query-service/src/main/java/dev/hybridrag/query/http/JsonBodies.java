package dev.hybridrag.query.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Request bodies only as {@code application/json}. A browser sends text/plain, form and multipart bodies across
 * sites without asking first (a "simple" request); a JSON body always needs a preflight, which {@link CrossOrigin}
 * answers only for allowed origins.
 */
final class JsonBodies extends WallFilter {

    private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");

    @Override
    void filter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (WITH_BODY.contains(request.getMethod()) && !json(request.getContentType()) && hasBody(request)) {
            refuse(
                    response,
                    415,
                    "request bodies must be sent as Content-Type: application/json",
                    Map.of("Accept-Post", "application/json"));
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean json(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return type.equals("application/json");
    }

    // A bodiless POST (Content-Length: 0) carries nothing to be read as something else.
    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() != 0 || request.getContentType() != null;
    }
}
