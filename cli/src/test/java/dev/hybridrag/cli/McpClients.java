package dev.hybridrag.cli;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The MCP SDK's own client, over Streamable HTTP to query-service or over stdio to a {@code hybridrag mcp} process. */
final class McpClients {

    enum Transport {
        HTTP,
        STDIO
    }

    private static final JacksonMcpJsonMapper JSON =
            new JacksonMcpJsonMapper(new com.fasterxml.jackson.databind.ObjectMapper());

    private final String baseUrl;

    McpClients(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    McpSyncClient connect(Transport transport, String tenant, String apiKey) {
        return connect(transport, tenant, apiKey, progress -> {});
    }

    McpSyncClient connect(
            Transport transport, String tenant, String apiKey, Consumer<McpSchema.ProgressNotification> progress) {
        McpSyncClient client = McpClient.sync(
                        transport == Transport.HTTP ? http(tenant, apiKey) : stdio(tenant, apiKey))
                .requestTimeout(Duration.ofSeconds(60))
                .initializationTimeout(Duration.ofSeconds(60))
                .clientInfo(new McpSchema.Implementation("McpIT", "1"))
                .progressConsumer(progress)
                .build();
        client.initialize();
        return client;
    }

    private HttpClientStreamableHttpTransport http(String tenant, String apiKey) {
        return HttpClientStreamableHttpTransport.builder(baseUrl)
                .endpoint("/v1/tenants/" + tenant + "/mcp")
                .jsonMapper(JSON)
                .httpRequestCustomizer((request, method, uri, body, context) -> {
                    if (!apiKey.isEmpty()) {
                        request.header("Authorization", "Bearer " + apiKey);
                    }
                })
                .build();
    }

    private StdioClientTransport stdio(String tenant, String apiKey) {
        return new StdioClientTransport(
                ServerParameters.builder(
                                ProcessHandle.current().info().command().orElse("java"))
                        .args(stdioCommand(tenant))
                        .env(stdioEnvironment(apiKey))
                        .build(),
                JSON);
    }

    /** {@code hybridrag mcp --tenant T} from the test classpath. */
    static List<String> stdioCommand(String tenant) {
        List<String> command = new ArrayList<>(List.of(
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of("mcp", "--tenant", tenant));
        return command;
    }

    Map<String, String> stdioEnvironment(String apiKey) {
        java.net.URI uri = java.net.URI.create(baseUrl);
        return Map.of(
                "HYBRIDRAG_QUERY_HOST", uri.getHost(),
                "HYBRIDRAG_QUERY_PORT", Integer.toString(uri.getPort()),
                "HYBRIDRAG_API_KEY", apiKey);
    }
}
