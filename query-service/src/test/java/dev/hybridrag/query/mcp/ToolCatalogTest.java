package dev.hybridrag.query.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ToolCatalogTest {

    private final ToolCatalog catalog = ToolCatalog.get();

    @Test
    void theToolsKeepThePythonHybridRagNames() {
        assertThat(catalog.tools(true))
                .extracting(McpSchema.Tool::name)
                .containsExactly(
                        "hybridrag_query",
                        "hybridrag_local_query",
                        "hybridrag_global_query",
                        "hybridrag_hybrid_query",
                        "hybridrag_extract_context",
                        "hybridrag_multihop_query",
                        "hybridrag_database_status",
                        "hybridrag_health_check",
                        "hybridrag_list_documents",
                        "hybridrag_get_document",
                        "hybridrag_search_entities",
                        "hybridrag_get_entity",
                        "hybridrag_get_logs",
                        "hybridrag_add_document",
                        "hybridrag_delete_document");
    }

    @Test
    void writeToolsAreListedOnlyWhenWritesAreAllowed() {
        assertThat(catalog.tools(false))
                .extracting(McpSchema.Tool::name)
                .doesNotContain("hybridrag_add_document", "hybridrag_delete_document");
        assertThat(catalog.tools(true)).hasSize(catalog.tools(false).size() + 2);
        assertThat(catalog.find("hybridrag_delete_document")
                        .orElseThrow()
                        .annotations()
                        .destructiveHint())
                .isTrue();
        assertThat(catalog.find("hybridrag_query").orElseThrow().annotations().readOnlyHint())
                .isTrue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyArgumentIsDescribedAndSharedDefinitionsAreExpanded() {
        for (McpSchema.Tool tool : catalog.tools(true)) {
            Map<String, Object> input = tool.inputSchema();
            assertThat(input)
                    .as(tool.name())
                    .containsEntry("type", "object")
                    .containsEntry("additionalProperties", false);
            Map<String, Map<String, Object>> properties = (Map<String, Map<String, Object>>) input.get("properties");
            properties.forEach((name, schema) -> assertThat(schema)
                    .as(tool.name() + "." + name)
                    .containsKey("type")
                    .containsKey("description"));
            assertThat(tool.outputSchema()).as(tool.name()).containsEntry("type", "object");
            assertThat(tool.outputSchema().toString()).as(tool.name()).doesNotContain("\"#");
        }
        Map<String, Map<String, Object>> query = (Map<String, Map<String, Object>>)
                catalog.find("hybridrag_query").orElseThrow().inputSchema().get("properties");
        assertThat(query.get("top_k"))
                .containsEntry("minimum", 1)
                .containsEntry("maximum", 500)
                .containsEntry("default", 40);
        assertThat(query.get("mode")).containsEntry("enum", List.of("naive", "local", "global", "hybrid", "mix"));
        Map<String, Map<String, Object>> multihop =
                (Map<String, Map<String, Object>>) catalog.find("hybridrag_multihop_query")
                        .orElseThrow()
                        .inputSchema()
                        .get("properties");
        assertThat(multihop.get("max_steps")).containsEntry("maximum", 8);
    }
}
