package dev.hybridrag.query.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tools every tenant serves, with their input and output schemas, read from {@code mcp/tools.json} (one file a
 * reader can check against docs/mcp.md). A property written {@code "#name"} there stands for the shared definition of
 * that name. The stdio bridge lists the same catalog while query-service cannot be reached.
 */
public final class ToolCatalog {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ToolCatalog INSTANCE = load();

    private final List<McpSchema.Tool> readTools;
    private final List<McpSchema.Tool> writeTools;

    private ToolCatalog(List<McpSchema.Tool> readTools, List<McpSchema.Tool> writeTools) {
        this.readTools = List.copyOf(readTools);
        this.writeTools = List.copyOf(writeTools);
    }

    public static ToolCatalog get() {
        return INSTANCE;
    }

    /** Every tool a tenant lists: the write tools only when the tenant allows writes. */
    public List<McpSchema.Tool> tools(boolean writes) {
        if (!writes) {
            return readTools;
        }
        List<McpSchema.Tool> all = new ArrayList<>(readTools);
        all.addAll(writeTools);
        return all;
    }

    public Optional<McpSchema.Tool> find(String name) {
        return tools(true).stream().filter(t -> t.name().equals(name)).findFirst();
    }

    private static ToolCatalog load() {
        JsonNode root;
        try (InputStream in = ToolCatalog.class.getResourceAsStream("/mcp/tools.json")) {
            root = JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("mcp/tools.json is missing from the jar", e);
        }
        JsonNode definitions = root.path("definitions");
        List<McpSchema.Tool> reads = new ArrayList<>();
        List<McpSchema.Tool> writes = new ArrayList<>();
        for (JsonNode node : root.path("tools")) {
            ObjectNode input = JSON.createObjectNode().put("type", "object");
            input.set("properties", expand(node.path("input"), definitions));
            if (node.has("required")) {
                input.set("required", node.get("required"));
            }
            input.put("additionalProperties", false);
            ObjectNode output = JSON.createObjectNode().put("type", "object");
            output.set(
                    "properties",
                    expand(root.path("outputs").path(node.path("output").asText()), definitions));
            McpSchema.Tool tool = McpSchema.Tool.builder()
                    .name(node.path("name").asText())
                    .title(node.path("title").asText())
                    .description(node.path("description").asText())
                    .inputSchema(map(input))
                    .outputSchema(map(output))
                    .annotations(McpSchema.ToolAnnotations.builder()
                            .title(node.path("title").asText())
                            .readOnlyHint(!node.path("writes").asBoolean(false))
                            .destructiveHint(node.path("name").asText().endsWith("delete_document"))
                            .openWorldHint(false)
                            .build())
                    .build();
            (node.path("writes").asBoolean(false) ? writes : reads).add(tool);
        }
        return new ToolCatalog(reads, writes);
    }

    /** A copy of the node with every {@code "#name"} replaced by the definition of that name, at any depth. */
    private static JsonNode expand(JsonNode node, JsonNode definitions) {
        if (node.isTextual() && node.asText().startsWith("#")) {
            JsonNode definition = definitions.get(node.asText().substring(1));
            if (definition == null) {
                throw new IllegalStateException("mcp/tools.json: no definition named " + node.asText());
            }
            return expand(definition, definitions);
        }
        if (node.isObject()) {
            ObjectNode copy = JSON.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                copy.set(field.getKey(), expand(field.getValue(), definitions));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JSON.createArrayNode();
            node.forEach(item -> copy.add(expand(item, definitions)));
            return copy;
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(JsonNode node) {
        return JSON.convertValue(node, Map.class);
    }
}
