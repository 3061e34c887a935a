package dev.hybridrag.query.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;

/** What a tool answers: readable text for the model, and the same facts as structured content for programs. */
final class ToolReply {

    /** Field names in snake_case, as the HTTP API spells them. */
    static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private ToolReply() {}

    static McpSchema.CallToolResult of(String text, Object structured) {
        return McpSchema.CallToolResult.builder()
                .content(List.of(new McpSchema.TextContent(text)))
                .structuredContent(asMap(structured))
                .isError(false)
                .build();
    }

    static McpSchema.CallToolResult error(String message) {
        return McpSchema.CallToolResult.builder()
                .content(List.of(new McpSchema.TextContent(message)))
                .isError(true)
                .build();
    }

    /** Plain maps and lists all the way down, in snake_case: records inside maps too, whatever mapper sends it. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object value) {
        return JSON.convertValue(value, Map.class);
    }
}
