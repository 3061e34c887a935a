package dev.hybridrag.query.http;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One endpoint: a method, a path template such as {@code /v1/tenants/{tenant}/graph/entities/{name}}, what a success
 * answers with (the record {@code /v1/openapi.json} describes; a test holds the two together) and the handler. A
 * template's last variable takes the rest of the path, slashes included (entity names may hold them); the others
 * take one segment. A route whose template has {@code {tenant}} is admitted by the tenant's keys before it runs.
 */
public record Route(String method, String template, Class<?> answers, Handler handler) {

    /** What a route does with a request; a refusal is an {@link ApiException}, anything else a 500 or 503. */
    @FunctionalInterface
    public interface Handler {
        void handle(ApiExchange exchange) throws Exception;
    }

    public Route {
        if (!template.startsWith("/")) {
            throw new IllegalArgumentException("a route template starts with /: " + template);
        }
    }

    public static Route get(String template, Class<?> answers, Handler handler) {
        return new Route("GET", template, answers, handler);
    }

    public static Route post(String template, Class<?> answers, Handler handler) {
        return new Route("POST", template, answers, handler);
    }

    public static Route delete(String template, Class<?> answers, Handler handler) {
        return new Route("DELETE", template, answers, handler);
    }

    /** The endpoint as {@code /v1/openapi.json} names it: {@code GET /v1/tenants/{tenant}/status}. */
    public String endpoint() {
        return method + " " + template;
    }

    boolean tenantScoped() {
        return template.contains("{tenant}");
    }

    /** The path's variables when it fits the template; a decoded path is expected. */
    Optional<Map<String, String>> match(String path) {
        List<String> parts = List.of(template.substring(1).split("/", -1));
        String rest = path.substring(1);
        Map<String, String> variables = new java.util.LinkedHashMap<>();
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            boolean last = i == parts.size() - 1;
            int slash = rest.indexOf('/');
            String segment = last || slash < 0 ? rest : rest.substring(0, slash);
            if (!last && slash < 0) {
                return Optional.empty();
            }
            if (part.startsWith("{") && part.endsWith("}")) {
                if (segment.isEmpty()) {
                    return Optional.empty();
                }
                variables.put(part.substring(1, part.length() - 1), segment);
            } else if (!part.equals(segment)) {
                return Optional.empty();
            }
            rest = last ? "" : rest.substring(slash + 1);
        }
        return Optional.of(variables);
    }
}
