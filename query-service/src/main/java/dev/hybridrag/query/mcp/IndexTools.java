package dev.hybridrag.query.mcp;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.llm.ProviderSettings;
import dev.hybridrag.core.storage.DocumentSummary;
import dev.hybridrag.core.storage.TenantStatus;
import dev.hybridrag.core.tenant.TenantConfig;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a tenant holds: status, health, the document list and a document's text. */
final class IndexTools {

    private final Infrastructure infra;
    private final HealthCheck health;
    private final DocumentShelf shelf = new DocumentShelf();

    IndexTools(Infrastructure infra, HealthCheck health) {
        this.infra = infra;
        this.health = health;
    }

    CallToolResult status(TenantConfig tenant) throws Exception {
        TenantStatus status = TenantStatus.load(infra.dataSource(tenant), tenant.workspace());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tenant", tenant.id().value());
        body.put("documents", status.documents());
        body.put("chunks", status.chunks());
        body.put("entities", status.entities());
        body.put("relations", status.relations());
        body.put("graph_keys_settling", status.settlingKeys());
        body.put(
                "models",
                Map.of(
                        "chat", describe(tenant.models().chat(), "offline (heuristic extraction, extractive answers)"),
                        "embedding",
                                describe(tenant.models().embedding(), "offline (bge-small-en-v1.5, 384 dimensions)")));
        body.put("last_update", status.lastUpdate().map(Object::toString).orElse(null));
        StringBuilder text = new StringBuilder("Tenant ").append(tenant.id()).append("\nDocuments:");
        status.documents()
                .forEach((state, count) ->
                        text.append(' ').append(state).append(' ').append(count));
        Map<?, ?> models = (Map<?, ?>) body.get("models");
        text.append("\nChunks %d, entities %d, relations %d, graph keys settling %d\nModels: chat %s, embedding %s"
                        .formatted(
                                status.chunks(),
                                status.entities(),
                                status.relations(),
                                status.settlingKeys(),
                                models.get("chat"),
                                models.get("embedding")))
                .append("\nLast update: ")
                .append(status.lastUpdate().map(Object::toString).orElse("never"));
        return ToolReply.of(text.toString(), body);
    }

    CallToolResult health(TenantConfig tenant) {
        HealthCheck.Health result = health.run(tenant);
        StringBuilder text = new StringBuilder(result.status());
        for (HealthCheck.Check check : result.checks()) {
            text.append("\n- %s: %s — %s".formatted(check.name(), check.status(), check.detail()));
        }
        return ToolReply.of(text.toString(), result);
    }

    CallToolResult listDocuments(TenantConfig tenant, ToolArguments arguments) throws Exception {
        DocumentShelf.Page page = shelf.list(
                infra.dataSource(tenant),
                tenant.workspace(),
                arguments.optionalText("status", 20).orElse(""),
                arguments.optionalText("path_prefix", 4096).orElse(""),
                arguments.integer("limit", 50, 1, 1000),
                arguments.optionalText("cursor", 8000).orElse(""));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("documents", page.documents());
        body.put("next_cursor", page.nextCursor().orElse(null));
        StringBuilder text = new StringBuilder(page.documents().size() + " document(s)");
        for (DocumentSummary document : page.documents()) {
            text.append("\n- ").append(document.path()).append(" (").append(document.status());
            text.append(", ").append(document.chunkCount()).append(" chunks");
            if (!document.error().isEmpty()) {
                text.append(", ").append(ToolTexts.oneLine(document.error()));
            }
            text.append(")");
        }
        page.nextCursor().ifPresent(cursor -> text.append("\nMore: call again with cursor ")
                .append(cursor));
        return ToolReply.of(text.toString(), body);
    }

    CallToolResult document(TenantConfig tenant, ToolArguments arguments) throws Exception {
        String path = arguments.requiredText("path", 4096);
        DocumentShelf.Text document = shelf.text(infra.dataSource(tenant), tenant.workspace(), path)
                .orElseThrow(() -> new InvalidArgumentException(
                        "path",
                        "no document '" + ToolTexts.oneLine(path)
                                + "' in this tenant; hybridrag_list_documents lists them"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("path", document.path());
        body.put("status", document.status());
        body.put("chunk_count", document.chunkCount());
        body.put("uri", DocumentResources.uri(tenant, document.path()));
        body.put("text", document.text());
        String text = document.text().isEmpty()
                ? document.path() + " (" + document.status() + ") has no indexed text yet"
                : document.text();
        return ToolReply.of(text, body);
    }

    private static String describe(ProviderSettings provider, String offline) {
        return provider.isOffline() ? offline : provider.provider() + " " + provider.model();
    }
}
