package dev.hybridrag.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hybridrag.core.config.Environment;
import dev.hybridrag.core.config.Settings;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Asks query-service a question and prints the answer and its references. */
@Command(name = "query", description = "Ask a question; prints the answer and its references.")
final class QueryCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--tenant", defaultValue = "default", description = "tenant id (default: ${DEFAULT-VALUE})")
    String tenant;

    @Option(names = "--mode", defaultValue = "naive", description = "retrieval mode (default: ${DEFAULT-VALUE})")
    String mode;

    @Option(names = "--top-k", description = "how many chunks to retrieve")
    Integer topK;

    @Option(names = "--context-only", description = "print the retrieved context instead of an answer")
    boolean contextOnly;

    @Option(names = "--url", description = "query-service base URL (default: from HYBRIDRAG_QUERY_HOST/PORT)")
    String url;

    @Option(names = "--json", description = "print the raw JSON response")
    boolean raw;

    @Parameters(arity = "1..*", description = "the question")
    String[] words;

    @Override
    public Integer call() throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", String.join(" ", words));
        body.put("mode", mode);
        if (topK != null) {
            body.put("top_k", topK);
        }
        body.put("only_need_context", contextOnly);
        URI uri = URI.create(baseUrl() + "/v1/tenants/" + URLEncoder.encode(tenant, StandardCharsets.UTF_8) + "/query");
        HttpResponse<String> response;
        try (HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            response = client.send(
                    HttpRequest.newBuilder(uri)
                            .timeout(Duration.ofMinutes(2))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            spec.commandLine()
                    .getErr()
                    .println("hybridrag: query-service is not reachable at " + baseUrl()
                            + "; is the stack up? (./hybridrag up)");
            return 2;
        }
        PrintWriter out = spec.commandLine().getOut();
        JsonNode json = JSON.readTree(response.body());
        if (response.statusCode() != 200) {
            spec.commandLine()
                    .getErr()
                    .println("hybridrag: " + json.path("error").asText(response.body()));
            return 1;
        }
        if (raw) {
            out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
            return 0;
        }
        print(out, json);
        return 0;
    }

    private void print(PrintWriter out, JsonNode json) {
        if (contextOnly) {
            for (JsonNode chunk : json.path("context").path("chunks")) {
                out.printf(
                        "[%d] %s (%s, score %.3f)%n%s%n%n",
                        chunk.path("reference_id").asInt(),
                        chunk.path("file_path").asText(),
                        chunk.path("chunk_id").asText(),
                        chunk.path("score").asDouble(),
                        chunk.path("content").asText());
            }
        } else {
            out.println(json.path("answer").asText());
        }
        out.println();
        out.println("References:");
        for (JsonNode reference : json.path("references")) {
            out.printf(
                    "  [%d] %s (score %.3f)%n",
                    reference.path("reference_id").asInt(),
                    reference.path("file_path").asText(),
                    reference.path("score").asDouble());
        }
        out.flush();
    }

    private String baseUrl() {
        if (url != null) {
            return url.replaceAll("/+$", "");
        }
        Environment env = Environment.system();
        return "http://" + env.get(Settings.QUERY_HOST) + ":" + env.get(Settings.QUERY_PORT);
    }
}
