package dev.hybridrag.query.mcp;

import io.modelcontextprotocol.util.DefaultMcpUriTemplateManagerFactory;
import io.modelcontextprotocol.util.McpUriTemplateManager;
import io.modelcontextprotocol.util.McpUriTemplateManagerFactory;
import java.util.List;
import java.util.Map;

/**
 * URI templates with one trailing {@code {+path}} variable (RFC 6570's reserved expansion: slashes allowed), which
 * document resources need; the SDK's own templates stop a variable at a slash. Other templates go to the SDK's.
 */
final class PathTemplates implements McpUriTemplateManagerFactory {

    private final McpUriTemplateManagerFactory fallback = new DefaultMcpUriTemplateManagerFactory();

    @Override
    public McpUriTemplateManager create(String template) {
        int start = template.indexOf("{+");
        if (start < 0 || !template.endsWith("}")) {
            return fallback.create(template);
        }
        String prefix = template.substring(0, start);
        String name = template.substring(start + 2, template.length() - 1);
        return new McpUriTemplateManager() {
            @Override
            public List<String> getVariableNames() {
                return List.of(name);
            }

            @Override
            public Map<String, String> extractVariableValues(String uri) {
                return matches(uri) ? Map.of(name, uri.substring(prefix.length())) : Map.of();
            }

            @Override
            public boolean matches(String uri) {
                return uri != null && uri.startsWith(prefix) && uri.length() > prefix.length();
            }

            @Override
            public boolean isUriTemplate(String uri) {
                return true;
            }
        };
    }
}
