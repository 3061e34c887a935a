package dev.hybridrag.query.mcp;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.storage.DocumentSummary;
import dev.hybridrag.core.tenant.TenantConfig;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every processed document of a tenant as the resource {@code hybridrag://{tenant}/{path}}; reading one returns its
 * indexed text. Any document can be read through the template; the listing is the SDK's list of registered
 * resources, which {@link #sync} keeps equal to the tenant's processed documents (at most {@link #LISTED}; the SDK's
 * server lists registered resources in one page), announcing changes with {@code notifications/resources/list_changed}
 * and re-indexed documents to their subscribers with {@code notifications/resources/updated}.
 */
final class DocumentResources {

    static final int LISTED = 1000;

    private final Infrastructure infra;
    private final DocumentShelf shelf = new DocumentShelf();
    private final Map<String, String> hashes = new HashMap<>();

    DocumentResources(Infrastructure infra) {
        this.infra = infra;
    }

    static String uri(TenantConfig tenant, String path) {
        String encoded = URLEncoder.encode(path, StandardCharsets.UTF_8)
                .replace("+", "%20")
                .replace("%2F", "/");
        return "hybridrag://" + tenant.id() + "/" + encoded;
    }

    McpServerFeatures.SyncResourceTemplateSpecification template(TenantConfig tenant) {
        McpSchema.ResourceTemplate template = McpSchema.ResourceTemplate.builder()
                .uriTemplate("hybridrag://" + tenant.id() + "/{+path}")
                .name("document")
                .title("A document of tenant " + tenant.id())
                .description("The text of a document, by the path its references give")
                .mimeType("text/markdown")
                .build();
        return new McpServerFeatures.SyncResourceTemplateSpecification(
                template, (exchange, request) -> read(tenant, request.uri()));
    }

    McpSchema.ReadResourceResult read(TenantConfig tenant, String uri) {
        String prefix = "hybridrag://" + tenant.id() + "/";
        if (!uri.startsWith(prefix)) {
            throw McpError.builder(McpSchema.ErrorCodes.RESOURCE_NOT_FOUND)
                    .message("no such resource: " + ToolTexts.oneLine(uri))
                    .build();
        }
        String path = URLDecoder.decode(uri.substring(prefix.length()).replace("+", "%2B"), StandardCharsets.UTF_8);
        Optional<DocumentShelf.Text> text;
        try {
            text = shelf.text(infra.dataSource(tenant), tenant.workspace(), path);
        } catch (Exception e) {
            throw McpError.builder(McpSchema.ErrorCodes.INTERNAL_ERROR)
                    .message("the tenant's database is unavailable; try again shortly")
                    .build();
        }
        DocumentShelf.Text document = text.orElseThrow(() -> McpError.builder(McpSchema.ErrorCodes.RESOURCE_NOT_FOUND)
                .message("no document '" + ToolTexts.oneLine(path) + "' in tenant " + tenant.id())
                .build());
        return new McpSchema.ReadResourceResult(
                List.of(new McpSchema.TextResourceContents(uri, "text/markdown", document.text())));
    }

    /** Makes the server's listed resources the tenant's processed documents; tells subscribers what changed. */
    synchronized void sync(TenantConfig tenant, McpSyncServer server) throws Exception {
        List<DocumentSummary> processed = shelf.list(
                        infra.dataSource(tenant), tenant.workspace(), "processed", "", LISTED, "")
                .documents();
        Map<String, DocumentSummary> wanted =
                processed.stream().collect(Collectors.toMap(d -> uri(tenant, d.path()), d -> d, (a, b) -> a));
        Set<String> listed = new HashSet<>(hashes.keySet());
        for (String uri : listed) {
            if (!wanted.containsKey(uri)) {
                server.removeResource(uri);
                hashes.remove(uri);
            }
        }
        for (Map.Entry<String, DocumentSummary> entry : wanted.entrySet()) {
            DocumentSummary document = entry.getValue();
            String previous = hashes.put(entry.getKey(), document.contentHash());
            if (previous == null) {
                server.addResource(new McpServerFeatures.SyncResourceSpecification(
                        McpSchema.Resource.builder()
                                .uri(entry.getKey())
                                .name(document.path())
                                .mimeType("text/markdown")
                                .size(document.size())
                                .build(),
                        (exchange, request) -> read(tenant, request.uri())));
            } else if (!previous.equals(document.contentHash())) {
                server.notifyResourcesUpdated(new McpSchema.ResourcesUpdatedNotification(entry.getKey()));
            }
        }
    }
}
