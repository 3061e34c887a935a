package dev.hybridrag.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.tenant.PostgresSettings;
import dev.hybridrag.core.testing.TestInfrastructure;
import dev.hybridrag.query.api.ApiRoutes;
import dev.hybridrag.query.api.OpenApi;
import dev.hybridrag.query.http.ApiException;
import dev.hybridrag.query.http.Json;
import dev.hybridrag.query.http.Route;
import dev.hybridrag.query.http.RouteTable;
import dev.hybridrag.query.retrieval.RetrievalOptions;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /v1/openapi.json} says what the server does: its endpoints, the fields it accepts and the ones it sends. */
class OpenApiTest {

    private static final PropertyNamingStrategies.NamingBase SNAKE_CASE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    @TempDir
    static Path inbox;

    private static Infrastructure infra;
    private static RouteTable routes;
    private final JsonNode spec = parse();

    @BeforeAll
    static void routeTable() {
        // Nothing is reached: the route table is built, never served.
        infra = TestInfrastructure.create(
                "127.0.0.1:1",
                Map.of(),
                TestInfrastructure.tenant("t", new PostgresSettings("127.0.0.1", 1, "d", "u", "p"), inbox));
        routes = new ApiRoutes(infra).table();
    }

    @AfterAll
    static void close() {
        infra.close();
    }

    @Test
    void everyRouteIsDescribedAndNothingElse() {
        List<String> described = new ArrayList<>();
        spec.path("paths").properties().forEach(path -> path.getValue()
                .properties()
                .forEach(
                        operation -> described.add(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey())));

        assertThat(described)
                .containsExactlyInAnyOrderElementsOf(
                        routes.routes().stream().map(Route::endpoint).toList());
    }

    @Test
    void everySuccessAnswerIsDescribedFieldByField() {
        for (Route route : routes.routes()) {
            if (route.answers() == Object.class) {
                continue; // free-form: the OpenAPI document itself
            }
            JsonNode operation = spec.path("paths")
                    .path(route.template())
                    .path(route.method().toLowerCase(Locale.ROOT));
            JsonNode success = operation.path("responses").properties().stream()
                    .filter(response -> response.getKey().startsWith("2"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(route.endpoint() + " describes no success"))
                    .getValue();
            JsonNode schema =
                    resolve(success.path("content").path("application/json").path("schema"));
            assertDescribes(route.endpoint(), schema, route.answers());
        }
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

    /** The schema's properties are the record's components, and so on down nested records and lists of them. */
    private void assertDescribes(String where, JsonNode schema, Class<?> type) {
        assertThat(type.isRecord()).as(where + ": answers with a record").isTrue();
        Set<String> components = new HashSet<>();
        for (RecordComponent component : type.getRecordComponents()) {
            String name = SNAKE_CASE.translate(component.getName());
            components.add(name);
            JsonNode property = schema.path("properties").path(name);
            Class<?> nested = component.getType();
            JsonNode nestedSchema = resolve(property);
            if (List.class.isAssignableFrom(nested)
                    && component.getGenericType() instanceof ParameterizedType list
                    && list.getActualTypeArguments()[0] instanceof Class<?> element) {
                nested = element;
                nestedSchema = resolve(property.path("items"));
            }
            if (nested.isRecord()) {
                assertDescribes(where + " ." + name, nestedSchema, nested);
            }
        }
        assertThat(fieldNames(schema.path("properties"))).as(where).isEqualTo(components);
    }

    private JsonNode resolve(JsonNode schema) {
        String ref = schema.path("$ref").asText("");
        return ref.isEmpty() ? schema : schema("" + ref.substring(ref.lastIndexOf('/') + 1));
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
