package dev.hybridrag.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** A validated query. Every refusal names the field at fault. */
record QueryRequest(String query, String mode, int topK, boolean onlyNeedContext) {

    static final int MAX_QUERY_CHARS = 4000;
    static final List<String> MODES = List.of("naive");
    private static final Set<String> FIELDS = Set.of("query", "mode", "top_k", "only_need_context");

    static QueryRequest from(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("", "request body must be a JSON object");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw ApiException.badRequest(name, "unknown field '" + name + "'; accepted: " + FIELDS);
            }
        }
        JsonNode query = body.get("query");
        if (query == null || !query.isTextual() || query.asText().isBlank()) {
            throw ApiException.badRequest("query", "'query' is required and must be a non-empty string");
        }
        if (query.asText().length() > MAX_QUERY_CHARS) {
            throw ApiException.badRequest("query", "'query' is longer than " + MAX_QUERY_CHARS + " characters");
        }
        String mode = textOr(body, "mode", "naive");
        if (!MODES.contains(mode)) {
            throw ApiException.badRequest("mode", "mode '" + mode + "' is not supported; use one of " + MODES);
        }
        int topK = intOr(body, "top_k", 20, 1, 200);
        boolean contextOnly = boolOr(body, "only_need_context", false);
        return new QueryRequest(query.asText().strip(), mode, topK, contextOnly);
    }

    private static String textOr(JsonNode body, String field, String fallback) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isTextual()) {
            throw ApiException.badRequest(field, "'" + field + "' must be a string");
        }
        return node.asText();
    }

    private static int intOr(JsonNode body, String field, int fallback, int min, int max) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isIntegralNumber() || node.asLong() < min || node.asLong() > max) {
            throw ApiException.badRequest(field, "'" + field + "' must be a whole number from " + min + " to " + max);
        }
        return node.asInt();
    }

    private static boolean boolOr(JsonNode body, String field, boolean fallback) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isBoolean()) {
            throw ApiException.badRequest(field, "'" + field + "' must be true or false");
        }
        return node.asBoolean();
    }
}
