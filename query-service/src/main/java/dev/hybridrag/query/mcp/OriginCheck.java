package dev.hybridrag.query.mcp;

import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityValidator;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code Origin} check the MCP specification asks of Streamable HTTP servers (against DNS rebinding: a web page
 * whose name resolves to 127.0.0.1 must not reach a local server). Requests without {@code Origin} (every non-browser
 * client) pass; a browser page passes only from a loopback origin or one listed in
 * {@code HYBRIDRAG_MCP_ALLOWED_ORIGINS}; any other gets 403.
 */
final class OriginCheck implements ServerTransportSecurityValidator {

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final Set<String> allowed;

    OriginCheck(List<String> allowed) {
        this.allowed = Set.copyOf(allowed.stream().map(OriginCheck::normalise).toList());
    }

    @Override
    public void validateHeaders(Map<String, List<String>> headers) throws ServerTransportSecurityException {
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase("Origin")) {
                for (String origin : header.getValue()) {
                    if (!allows(origin)) {
                        throw new ServerTransportSecurityException(
                                403,
                                "Origin " + ToolTexts.oneLine(origin)
                                        + " is not allowed (HYBRIDRAG_MCP_ALLOWED_ORIGINS)");
                    }
                }
            }
        }
    }

    boolean allows(String origin) {
        if (origin == null || origin.isBlank()) {
            return true;
        }
        if (allowed.contains(normalise(origin))) {
            return true;
        }
        try {
            URI uri = URI.create(origin.strip());
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && uri.getHost() != null
                    && LOOPBACK.contains(uri.getHost());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String normalise(String origin) {
        return origin.strip().replaceAll("/+$", "").toLowerCase(java.util.Locale.ROOT);
    }
}
