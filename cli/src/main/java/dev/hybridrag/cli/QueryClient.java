package dev.hybridrag.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hybridrag.core.config.Environment;
import dev.hybridrag.core.config.Settings;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** query-service's HTTP API as the commands use it: questions and the document listing. */
final class QueryClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration QUERY_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration LIST_TIMEOUT = Duration.ofSeconds(30);

    private final String baseUrl;
    private final String apiKey;
    private final HttpClient http;

    QueryClient(String baseUrl) {
        this(baseUrl, "");
    }

    /** @param apiKey sent as a bearer token when not empty */
    QueryClient(String baseUrl, String apiKey) {
        this.apiKey = apiKey;
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** The client for {@code --url} when given, else for the address HYBRIDRAG_QUERY_HOST/PORT name. */
    static QueryClient forUrl(String url) {
        Environment env = Environment.system();
        String base = url != null
                ? url
                : "http://" + addressable(env.get(Settings.QUERY_HOST)) + ":" + env.get(Settings.QUERY_PORT);
        return new QueryClient(base, env.get(Settings.API_KEY));
    }

    /**
     * Compose names containers after deployments ({@code hybridrag-team_a-query}) and Docker's DNS answers for them,
     * but a URI refuses an underscore in a host name: such a host is looked up here and its address used instead.
     */
    static String addressable(String host) {
        if (!host.contains("_")) {
            return host;
        }
        try {
            InetAddress address = InetAddress.getByName(host);
            return address instanceof Inet6Address ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
        } catch (UnknownHostException e) {
            return host;
        }
    }

    /** The key the commands send, from HYBRIDRAG_API_KEY; empty for none. */
    static String apiKeyFromEnvironment() {
        return Environment.system().get(Settings.API_KEY);
    }

    String baseUrl() {
        return baseUrl;
    }

    JsonNode query(String tenant, Question question) throws QueryServiceException, InterruptedException {
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(question.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a question always serialises", e);
        }
        return send(HttpRequest.newBuilder(tenantUri(tenant, "query"))
                .timeout(QUERY_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
    }

    /** {@code GET /v1/tenants/{tenant}/status}: documents by status, chunks, entities, relations. */
    JsonNode status(String tenant) throws QueryServiceException, InterruptedException {
        return send(HttpRequest.newBuilder(tenantUri(tenant, "status"))
                .timeout(LIST_TIMEOUT)
                .GET()
                .build());
    }

    private URI tenantUri(String tenant, String endpoint) {
        return URI.create(
                baseUrl + "/v1/tenants/" + URLEncoder.encode(tenant, StandardCharsets.UTF_8) + "/" + endpoint);
    }

    private JsonNode send(HttpRequest unsigned) throws QueryServiceException, InterruptedException {
        HttpRequest request = apiKey.isEmpty()
                ? unsigned
                : HttpRequest.newBuilder(unsigned, (name, value) -> true)
                        .header("Authorization", "Bearer " + apiKey)
                        .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw QueryServiceException.unreachable(baseUrl);
        } catch (HttpTimeoutException e) {
            throw QueryServiceException.failed("query-service did not answer in time (" + request.uri() + ")");
        } catch (IOException e) {
            if (e.getCause() instanceof ConnectException) {
                throw QueryServiceException.unreachable(baseUrl);
            }
            throw QueryServiceException.failed("query-service request failed: " + Errors.rootMessage(e));
        }
        JsonNode json = parse(response.body());
        if (response.statusCode() != 200) {
            String error = json.path("error").asText(firstLine(response.body()));
            throw QueryServiceException.rejected(
                    response.statusCode(),
                    error.isEmpty() ? "no error message" : error,
                    json.path("field").asText(""));
        }
        if (!json.isObject()) {
            throw QueryServiceException.failed(
                    "query-service answered with something that is not JSON: " + firstLine(response.body()));
        }
        return json;
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode json = JSON.readTree(body);
            return json == null ? JSON.missingNode() : json;
        } catch (JsonProcessingException e) {
            return JSON.missingNode();
        }
    }

    private static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    /** An answer as indented JSON, for {@code --json}. */
    static String pretty(JsonNode json) throws JsonProcessingException {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json);
    }

    @Override
    public void close() {
        http.close();
    }
}
