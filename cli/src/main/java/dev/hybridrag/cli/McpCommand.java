package dev.hybridrag.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hybridrag.core.tenant.TenantId;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Mixin
    QueryServiceOption queryService;

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
        try (QueryClient client = queryService.client()) {
            baseUrl = client.baseUrl();
        }
        URI endpoint =
                URI.create(baseUrl + "/v1/tenants/" + URLEncoder.encode(tenant, StandardCharsets.UTF_8) + "/mcp");
        String apiKey = QueryClient.apiKeyFromEnvironment();
        Optional<String> refusal = refusal(endpoint, apiKey);
        if (refusal.isPresent()) {
            // Refusing to start says it once, where the user looks (the client's server log), instead of an error on
            // every call.
            log.println("hybridrag mcp: tenant '" + tenant + "' at " + baseUrl + ": " + refusal.get());
            return 2;
        }
        try (McpUpstream upstream = new McpUpstream(endpoint, apiKey)) {
            new StdioBridge(upstream, protocol, log).run(System.in);
        }
        return 0;
    }

    /**
     * Whether query-service refuses this tenant (unknown, or the key does not open it), asked the cheapest way: a GET
     * of the endpoint without a session is admitted by the tenant's keys first and then refused by the MCP transport
     * (400), touching no database. Unreachable is not a refusal: the bridge serves anyway and says so.
     */
    private static Optional<String> refusal(URI endpoint, String apiKey) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(10))
                .header("Accept", "text/event-stream")
                .GET();
        if (!apiKey.isEmpty()) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        try (HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status == 404 || status == 401 || status == 403) {
                String error = response.body();
                try {
                    error = new ObjectMapper().readTree(error).path("error").asText(error);
                } catch (IOException e) {
                    // not JSON: the body as it is
                }
                return Optional.of(error.isBlank() ? "HTTP " + status : error);
            }
            return Optional.empty();
        } catch (IOException e) {
            System.err.println("hybridrag mcp: query-service is not reachable at " + endpoint
                    + " (is the stack up? ./hybridrag up); serving anyway, calls fail until it answers");
            return Optional.empty();
        }
    }
}
