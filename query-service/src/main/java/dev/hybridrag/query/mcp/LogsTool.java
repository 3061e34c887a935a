package dev.hybridrag.query.mcp;

import ch.qos.logback.classic.Level;
import dev.hybridrag.core.tenant.TenantConfig;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code hybridrag_get_logs}: the tenant's recent entries of query-service's in-memory log buffer. */
final class LogsTool {

    private final Optional<LogBuffer> buffer;
    private final boolean onlyTenant;

    /** @param onlyTenant whether this process serves one tenant, so entries about no tenant are its too */
    LogsTool(Optional<LogBuffer> buffer, boolean onlyTenant) {
        this.buffer = buffer;
        this.onlyTenant = onlyTenant;
    }

    CallToolResult recent(TenantConfig tenant, ToolArguments arguments) {
        int limit = arguments.integer("limit", 50, 1, 500);
        String level = arguments.optionalText("min_level", 10).orElse("INFO");
        if (!List.of("DEBUG", "INFO", "WARN", "ERROR").contains(level)) {
            throw new InvalidArgumentException("min_level", "'min_level' must be DEBUG, INFO, WARN or ERROR");
        }
        Level minimum = arguments.bool("errors_only", false) ? Level.ERROR : Level.toLevel(level);
        String search = arguments.optionalText("search_text", 200).orElse("");
        List<LogBuffer.Entry> entries = buffer.map(
                        b -> b.recent(tenant.id().value(), onlyTenant, minimum, search, limit))
                .orElse(List.of());
        StringBuilder text = new StringBuilder(entries.size() + " entr" + (entries.size() == 1 ? "y" : "ies"));
        if (buffer.isEmpty()) {
            text.append(" (this process keeps no log buffer)");
        }
        for (LogBuffer.Entry entry : entries) {
            text.append('\n')
                    .append(entry.time())
                    .append(' ')
                    .append(entry.level())
                    .append(' ')
                    .append(entry.logger().substring(entry.logger().lastIndexOf('.') + 1))
                    .append(" - ")
                    .append(entry.message());
        }
        List<Map<String, Object>> structured = entries.stream()
                .map(e -> Map.<String, Object>of(
                        "time", e.time().toString(), "level", e.level(), "logger", e.logger(), "message", e.message()))
                .toList();
        return ToolReply.of(text.toString(), Map.of("entries", structured));
    }
}
