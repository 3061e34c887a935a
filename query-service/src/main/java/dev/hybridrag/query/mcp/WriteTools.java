package dev.hybridrag.query.mcp;

import dev.hybridrag.core.intake.ApiDocuments;
import dev.hybridrag.core.tenant.TenantConfig;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code hybridrag_add_document} and {@code hybridrag_delete_document}, served only to tenants with {@code writes}.
 * Added documents live under {@code mcp/}, so they never overwrite a watched file and are easy to find again.
 */
final class WriteTools {

    static final String PREFIX = ApiDocuments.MCP;

    private final DocumentWrites intake;

    WriteTools(DocumentWrites intake) {
        this.intake = intake;
    }

    CallToolResult add(TenantConfig tenant, ToolArguments arguments) throws InterruptedException {
        String name = ApiDocuments.safeName(arguments.requiredText("name", 200))
                .orElseThrow(() -> new InvalidArgumentException("name", "'name' must be " + ApiDocuments.NAME_RULE));
        String text = arguments.requiredText("text", 1_000_000);
        String path = PREFIX + (name.toLowerCase(java.util.Locale.ROOT).endsWith(".md") ? name : name + ".md");
        long version = intake.put(tenant, path, text);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("path", path);
        body.put("version", version);
        body.put("status", "pending");
        return ToolReply.of(
                "Added " + path + " (version " + version + "); it is queryable once indexed, usually within seconds."
                        + " Delete it with hybridrag_delete_document.",
                body);
    }

    CallToolResult delete(TenantConfig tenant, ToolArguments arguments) throws InterruptedException {
        String path = arguments.requiredText("path", 4096);
        if (path.indexOf(0) >= 0) {
            throw new InvalidArgumentException(
                    "path", "'path' must be a document path as hybridrag_list_documents gives it");
        }
        long version = intake.delete(tenant, path);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("path", path);
        body.put("version", version);
        body.put("status", "deleting");
        return ToolReply.of("Deleting " + path + "; its chunks and facts leave the index within seconds.", body);
    }
}
