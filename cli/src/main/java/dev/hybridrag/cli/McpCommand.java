package dev.hybridrag.cli;

import dev.hybridrag.core.tenant.TenantId;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Serves one tenant as an MCP server over stdio, for Claude Desktop and Claude Code (docs/mcp.md). A client of
 * query-service: the URL and key come from the same settings as {@code hybridrag query}.
 */
@Command(
        name = "mcp",
        description =
                "Serve a tenant as an MCP server over stdio (Claude Desktop, Claude Code); a client of query-service.")
final class McpCommand implements Callable<Integer> {

    @Option(names = "--tenant", defaultValue = "default", description = "tenant id (default: ${DEFAULT-VALUE})")
    String tenant;

    @Option(names = "--url", description = "query-service base URL (default: from HYBRIDRAG_QUERY_HOST/PORT)")
    String url;

    @Override
    public Integer call() throws Exception {
        // stdout carries JSON-RPC and nothing else: whatever else prints (a log appender on System.out, a library)
        // goes to stderr from here on.
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        PrintStream log = System.err;
        System.setOut(log);
        if (!TenantId.isValid(tenant)) {
            log.println("hybridrag mcp: '" + tenant + "' is not a tenant id ([a-z][a-z0-9_]{0,62})");
            return 2;
        }
        String baseUrl;
        try (QueryClient client = QueryClient.forUrl(url)) {
            baseUrl = client.baseUrl();
        }
        try (QueryClient client = QueryClient.forUrl(url)) {
            client.status(tenant);
        } catch (QueryServiceException e) {
            if (e.status() == 404 || e.status() == 401 || e.status() == 403) {
                // Refusing to start says it once, where the user looks (the client's server log), instead of an
                // error on every call.
                log.println("hybridrag mcp: tenant '" + tenant + "' at " + baseUrl + ": " + e.getMessage());
                return 2;
            }
            log.println("hybridrag mcp: " + e.getMessage() + "; serving anyway, calls fail until it answers");
        }
        URI endpoint =
                URI.create(baseUrl + "/v1/tenants/" + URLEncoder.encode(tenant, StandardCharsets.UTF_8) + "/mcp");
        try (McpUpstream upstream = new McpUpstream(endpoint, QueryClient.apiKeyFromEnvironment())) {
            new StdioBridge(upstream, protocol, log).run(System.in);
        }
        return 0;
    }
}
