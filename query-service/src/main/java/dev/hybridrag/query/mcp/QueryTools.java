package dev.hybridrag.query.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.query.QueryHandler;
import dev.hybridrag.query.QueryRequests;
import dev.hybridrag.query.QueryResponse;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The question tools: {@code hybridrag_query}, the three fixed-mode queries and {@code hybridrag_extract_context}. */
final class QueryTools {

    /** Arguments passed to the query as they are: same names, same limits as the HTTP API. */
    private static final List<String> QUERY_FIELDS = List.of(
            "query",
            "mode",
            "top_k",
            "chunk_top_k",
            "max_entity_tokens",
            "max_relation_tokens",
            "max_total_tokens",
            "response_type");

    private final QueryHandler queries;

    QueryTools(QueryHandler queries) {
        this.queries = queries;
    }

    /** @param mode the tool's fixed mode, or null when the caller picks it */
    CallToolResult answer(TenantConfig tenant, ToolArguments arguments, String mode) throws Exception {
        boolean contextOnly = arguments.bool("context_only", false);
        ObjectNode body = body(arguments, mode);
        body.put("only_need_context", contextOnly);
        QueryResponse response = queries.answer(tenant, QueryRequests.parse(body));
        Map<String, Object> structured = new LinkedHashMap<>();
        structured.put("answer", response.answer());
        structured.put("mode", response.mode());
        structured.put("references", response.references());
        if (contextOnly) {
            structured.put("context", response.context());
        }
        String text = contextOnly
                ? ToolTexts.context(response.context())
                : response.answer() + "\n\n" + ToolTexts.references(response.references());
        return ToolReply.of(text.strip(), structured);
    }

    /** Entities, relations and chunks with their references; retrieval only, never an LLM answer. */
    CallToolResult extractContext(TenantConfig tenant, ToolArguments arguments) throws Exception {
        ObjectNode body = body(arguments, null);
        body.put("only_need_context", true);
        QueryResponse response = queries.answer(tenant, QueryRequests.parse(body));
        QueryResponse.Context context = response.context();
        Map<String, Object> structured = new LinkedHashMap<>();
        structured.put("mode", response.mode());
        structured.put("entities", context.entities());
        structured.put("relations", context.relations());
        structured.put("chunks", context.chunks());
        structured.put("references", response.references());
        structured.put("tokens", context.tokens());
        String text = ToolTexts.context(context) + "\n\n" + ToolTexts.references(response.references());
        return ToolReply.of(text.strip(), structured);
    }

    private static ObjectNode body(ToolArguments arguments, String mode) {
        ObjectNode body = ToolReply.JSON.createObjectNode();
        for (String field : QUERY_FIELDS) {
            Object value = arguments.asMap().get(field);
            if (value != null) {
                body.set(field, ToolReply.JSON.valueToTree(value));
            }
        }
        if (mode != null) {
            body.put("mode", mode);
        }
        return body;
    }
}
