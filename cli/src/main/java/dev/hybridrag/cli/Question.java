package dev.hybridrag.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

/** One question for query-service, as {@code POST /v1/tenants/{tenant}/query} takes it. */
record Question(String query, String mode, OptionalInt topK, boolean onlyNeedContext) {

    /** The request body; {@code top_k} only when given, so the server's default applies otherwise. */
    Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("mode", mode);
        topK.ifPresent(k -> body.put("top_k", k));
        body.put("only_need_context", onlyNeedContext);
        return body;
    }
}
