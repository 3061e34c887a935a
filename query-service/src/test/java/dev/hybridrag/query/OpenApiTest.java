package dev.hybridrag.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hybridrag.query.retrieval.RetrievalOptions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code /v1/openapi.json} says what the server does: its endpoints, the fields it accepts and the ones it sends. */
class OpenApiTest {

    private final JsonNode spec = parse();

    @Test
    void everyEndpointIsDescribedAndNothingElse() {
        List<String> described = new ArrayList<>();
        spec.path("paths").properties().forEach(path -> path.getValue()
                .properties()
                .forEach(
                        operation -> described.add(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey())));

        assertThat(described).containsExactlyInAnyOrderElementsOf(QueryServer.ENDPOINTS);
    }

    @Test
    void theQueryRequestSchemaListsExactlyTheAcceptedFieldsWithTheirDefaults() {
        JsonNode properties = schema("QueryRequest").path("properties");

        assertThat(fieldNames(properties)).isEqualTo(QueryRequest.FIELDS);
        QueryRequest defaults = QueryRequest.from(Json.MAPPER.createObjectNode().put("query", "q"));
        assertThat(properties.path("mode").path("default").asText()).isEqualTo(defaults.mode());
        assertThat(properties.path("mode").path("enum"))
                .extracting(JsonNode::asText)
                .containsExactlyElementsOf(RetrievalOptions.MODES);
        assertThat(properties.path("top_k").path("default").asInt())
                .isEqualTo(defaults.options().topK());
        assertThat(properties.path("chunk_top_k").path("default").asInt())
                .isEqualTo(defaults.options().chunkTopK());
        assertThat(properties.path("max_total_tokens").path("default").asInt())
                .isEqualTo(defaults.options().maxTotalTokens());
        assertThat(properties.path("response_type").path("default").asText())
                .isEqualTo(defaults.style().responseType());
    }

    @Test
    void theDescribedLimitsAreTheEnforcedOnes() {
        JsonNode properties = schema("QueryRequest").path("properties");
        for (String field : List.of("top_k", "chunk_top_k", "max_entity_tokens", "max_total_tokens")) {
            int max = properties.path(field).path("maximum").asInt();
            int min = properties.path(field).path("minimum").asInt();
            QueryRequest.from(Json.MAPPER.createObjectNode().put("query", "q").put(field, max));
            QueryRequest.from(Json.MAPPER.createObjectNode().put("query", "q").put(field, min));
            assertThat(refusedField(
                            Json.MAPPER.createObjectNode().put("query", "q").put(field, max + 1)))
                    .isEqualTo(field);
            assertThat(refusedField(
                            Json.MAPPER.createObjectNode().put("query", "q").put(field, min - 1)))
                    .isEqualTo(field);
        }
        int maxQuery = properties.path("query").path("maxLength").asInt();
        assertThat(refusedField(Json.MAPPER.createObjectNode().put("query", "x".repeat(maxQuery + 1))))
                .isEqualTo("query");
    }

    @Test
    void theResponseSchemaNamesEveryFieldTheServerSends() {
        QueryResponse response = new QueryResponse(
                "answer",
                "mix",
                List.of(new QueryResponse.Reference(1, "a.md", "c1", 0.5, List.of("c1"))),
                new QueryResponse.Context(
                        List.of(new QueryResponse.ContextEntity("Kafka", "technology", "d", 0.5)),
                        List.of(new QueryResponse.ContextRelation("Kafka", "Postgres", "k", "d", 0.5)),
                        List.of(new QueryResponse.ContextChunk(1, "a.md", "c1", 0.5, "text")),
                        List.of("h"),
                        List.of("l"),
                        10));
        JsonNode sent = Json.MAPPER.valueToTree(response);
        JsonNode described = schema("QueryResponse").path("properties");

        assertThat(fieldNames(sent)).isEqualTo(fieldNames(described));
        assertThat(fieldNames(sent.path("context")))
                .isEqualTo(fieldNames(described.path("context").path("properties")));
        assertThat(fieldNames(sent.path("references").get(0)))
                .isEqualTo(fieldNames(schema("Reference").path("properties")));
        for (String part : List.of("entities", "relations", "chunks")) {
            assertThat(fieldNames(sent.path("context").path(part).get(0)))
                    .as(part)
                    .isEqualTo(fieldNames(described
                            .path("context")
                            .path("properties")
                            .path(part)
                            .path("items")
                            .path("properties")));
        }
    }

    private String refusedField(JsonNode body) {
        try {
            QueryRequest.from(body);
        } catch (ApiException e) {
            return e.field();
        }
        return "(accepted)";
    }

    private JsonNode schema(String name) {
        return spec.path("components").path("schemas").path(name);
    }

    private static Set<String> fieldNames(JsonNode object) {
        Set<String> names = new HashSet<>();
        object.properties().stream().map(Map.Entry::getKey).forEach(names::add);
        return names;
    }

    private static JsonNode parse() {
        try {
            return Json.MAPPER.readTree(OpenApi.document());
        } catch (Exception e) {
            throw new AssertionError("openapi.json is not JSON", e);
        }
    }
}
