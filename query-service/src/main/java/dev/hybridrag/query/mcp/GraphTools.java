package dev.hybridrag.query.mcp;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.storage.GraphBrowser;
import dev.hybridrag.core.tenant.TenantConfig;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.List;
import java.util.Map;

/** The knowledge graph by name: entity search, and one entity with its neighbourhood. */
final class GraphTools {

    private final Infrastructure infra;
    private final GraphBrowser graph = new GraphBrowser();

    GraphTools(Infrastructure infra) {
        this.infra = infra;
    }

    CallToolResult search(TenantConfig tenant, ToolArguments arguments) throws Exception {
        String text = arguments.requiredText("q", 200).strip();
        int limit = arguments.integer("limit", 20, 1, 200);
        List<GraphBrowser.EntitySummary> found =
                graph.search(infra.dataSource(tenant), tenant.workspace(), text, limit);
        StringBuilder reply = new StringBuilder(found.size() + " entit" + (found.size() == 1 ? "y" : "ies"));
        for (GraphBrowser.EntitySummary entity : found) {
            reply.append("\n- ").append(entity.name());
            if (!entity.type().isEmpty()) {
                reply.append(" (").append(entity.type()).append(")");
            }
            reply.append(" in ").append(String.join(", ", entity.sourceFiles()));
        }
        return ToolReply.of(reply.toString(), Map.of("entities", ToolReply.JSON.convertValue(found, List.class)));
    }

    CallToolResult entity(TenantConfig tenant, ToolArguments arguments) throws Exception {
        String name = arguments.requiredText("name", 1000);
        int depth = arguments.integer("depth", 1, 1, 2);
        int limit = arguments.integer("limit", 50, 1, 500);
        GraphBrowser.EntityDetail entity = graph.describe(
                        infra.dataSource(tenant), tenant.workspace(), name, depth, limit)
                .orElseThrow(() -> new InvalidArgumentException(
                        "name",
                        "no entity named '" + ToolTexts.oneLine(name)
                                + "' in this tenant; hybridrag_search_entities finds names"));
        StringBuilder reply = new StringBuilder(entity.name());
        if (!entity.type().isEmpty()) {
            reply.append(" (").append(entity.type()).append(")");
        }
        reply.append("\n").append(entity.description().strip());
        reply.append("\nSources: ").append(String.join(", ", entity.sourceFiles()));
        reply.append("\nRelations (").append(entity.relations().size()).append("):");
        for (GraphBrowser.Edge edge : entity.relations()) {
            reply.append("\n- ").append(edge.source()).append(" — ").append(edge.target());
            if (!edge.description().isEmpty()) {
                reply.append(": ").append(ToolTexts.oneLine(edge.description()));
            }
        }
        if (entity.truncated()) {
            reply.append("\n(more neighbours left out; raise limit)");
        }
        return ToolReply.of(reply.toString(), entity);
    }
}
