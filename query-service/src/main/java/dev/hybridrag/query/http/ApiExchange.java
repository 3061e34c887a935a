package dev.hybridrag.query.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hybridrag.core.tenant.TenantConfig;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One request to a route: its path variables, the tenant it was admitted to, and the ways to answer it. */
public final class ApiExchange {

    public static final int MAX_BODY_BYTES = 1024 * 1024;

    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final Map<String, String> variables;
    private final TenantConfig tenant;
    private Map<String, List<String>> parameters;

    ApiExchange(
            HttpServletRequest request,
            HttpServletResponse response,
            Map<String, String> variables,
            TenantConfig tenant) {
        this.request = request;
        this.response = response;
        this.variables = variables;
        this.tenant = tenant;
    }

    /** The tenant the request was admitted to; only for routes under {@code /v1/tenants/{tenant}}. */
    public TenantConfig tenant() {
        if (tenant == null) {
            throw new IllegalStateException("this route has no tenant");
        }
        return tenant;
    }

    public String variable(String name) {
        return variables.get(name);
    }

    public String method() {
        return request.getMethod();
    }

    public HttpServletRequest request() {
        return request;
    }

    public HttpServletResponse response() {
        return response;
    }

    /** The last value of a query parameter, or {@code fallback}. */
    public String parameter(String name, String fallback) {
        List<String> values = parameters().get(name);
        return values == null ? fallback : values.getLast();
    }

    /** Every value of a query parameter that may repeat ({@code ?path=a&path=b}). */
    public List<String> parameterValues(String name) {
        return parameters().getOrDefault(name, List.of());
    }

    /** A whole-number query parameter within bounds, or {@code fallback} when absent. */
    public int intParameter(String name, int fallback, int min, int max) {
        String raw = parameter(name, "");
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ApiException.badRequest(name, "'" + name + "' must be a whole number from " + min + " to " + max);
    }

    public JsonNode readJson() throws IOException {
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new ApiException(413, "", "request body is larger than " + MAX_BODY_BYTES + " bytes");
        }
        if (body.length == 0) {
            throw ApiException.badRequest("", "request body is empty; send a JSON object");
        }
        try {
            return Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("", "request body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    public void sendJson(int status, Object body) throws IOException {
        sendBytes(status, "application/json; charset=utf-8", Json.MAPPER.writeValueAsBytes(body));
    }

    public void sendBytes(int status, String contentType, byte[] bytes) throws IOException {
        response.setStatus(status);
        response.setContentType(contentType);
        response.setContentLength(bytes.length);
        try (OutputStream out = response.getOutputStream()) {
            out.write(bytes);
        }
    }

    /** A Server-Sent Events answer; its status line goes out with the first event. */
    public EventStream eventStream() {
        return new EventStream(response);
    }

    /** The key this request carries; null when it carries none. */
    public String presentedKey() {
        return presentedKey(request);
    }

    /** The key a request carries, as a bearer token or X-API-Key; null when it carries none. */
    static String presentedKey(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7)
                : request.getHeader("X-API-Key");
    }

    private Map<String, List<String>> parameters() {
        if (parameters == null) {
            parameters = parse(request.getQueryString());
        }
        return parameters;
    }

    // The raw query string, decoded here rather than by the container: a malformed escape is the caller's error
    // (400 naming it), and a POST body is never read as form parameters.
    private static Map<String, List<String>> parse(String raw) {
        Map<String, List<String>> parsed = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return parsed;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            parsed.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return parsed;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("", "malformed URL encoding in the query string");
        }
    }
}
