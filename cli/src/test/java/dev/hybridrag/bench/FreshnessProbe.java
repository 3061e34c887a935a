package dev.hybridrag.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.tenant.TenantConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes one file at a time into a tenant's watched folder and asks query-service for naive-mode context (the file's
 * own text as the question) every 10 ms until the context holds the file's text: the time a user waits before a saved
 * note can be found. The document row tells when the watcher published it (its version follows the clock) and when
 * the indexer wrote it.
 */
final class FreshnessProbe {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration GIVE_UP = Duration.ofSeconds(60);

    /** Per write: until queryable, until published by the watcher, until written by the indexer. */
    record Result(String label, List<Duration> latencies, List<Duration> published, List<Duration> indexed) {
        Duration percentile(List<Duration> values, double p) {
            List<Duration> sorted = values.stream().sorted().toList();
            return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1));
        }

        String summary() {
            return "%s: p50 %d ms, p95 %d ms over %d writes"
                    .formatted(
                            label,
                            percentile(latencies, 0.5).toMillis(),
                            percentile(latencies, 0.95).toMillis(),
                            latencies.size());
        }
    }

    private final Infrastructure infra;
    private final String baseUrl;
    private int written;

    FreshnessProbe(Infrastructure infra, String baseUrl) {
        this.infra = infra;
        this.baseUrl = baseUrl;
    }

    /** A few unmeasured writes, so class loading and first connections do not count. */
    void warmUp(TenantConfig tenant) throws Exception {
        for (int i = 0; i < 3; i++) {
            writeAndWait(tenant);
        }
    }

    Result measure(TenantConfig tenant, String label, int writes) throws Exception {
        List<Duration> latencies = new ArrayList<>();
        List<Duration> published = new ArrayList<>();
        List<Duration> indexed = new ArrayList<>();
        for (int i = 0; i < writes; i++) {
            Duration[] one = writeAndWait(tenant);
            latencies.add(one[0]);
            published.add(one[1]);
            indexed.add(one[2]);
            Thread.sleep(100);
        }
        return new Result(label, latencies, published, indexed);
    }

    /** Writes one note into the tenant's folder; returns how long until naive-mode context finds it. */
    Duration answerable(TenantConfig tenant) throws Exception {
        return writeAndWait(tenant)[0];
    }

    private Duration[] writeAndWait(TenantConfig tenant) throws Exception {
        int number = ++written;
        String token = "freshness%s%05d".formatted(tenant.id().value(), number);
        String content = "# Probe %d\n\nThe note %s was saved to be found again.\n".formatted(number, token);
        String question =
                infra.models().chunker(tenant).split(content).getFirst().content();
        String path = "probe-%05d.md".formatted(number);
        Path root = tenant.watch().getFirst().root();
        long wallStart = System.currentTimeMillis();
        long start = System.nanoTime();
        EditorSimulation.saveAtomically(root.resolve(path), content);
        while (!retrieved(tenant, question, token)) {
            if (System.nanoTime() - start > GIVE_UP.toNanos()) {
                throw new IllegalStateException(path + " was not queryable within " + GIVE_UP);
            }
            Thread.sleep(10);
        }
        Duration latency = Duration.ofNanos(System.nanoTime() - start);
        long[] row = documentTimes(tenant, path);
        return new Duration[] {latency, Duration.ofMillis(row[0] - wallStart), Duration.ofMillis(row[1] - wallStart)};
    }

    /** Whether a retrieved chunk holds the token (the response also echoes the question, which holds it too). */
    private boolean retrieved(TenantConfig tenant, String question, String token) throws Exception {
        for (JsonNode chunk :
                JSON.readTree(context(tenant, question)).path("context").path("chunks")) {
            if (chunk.path("content").asText().contains(token)) {
                return true;
            }
        }
        return false;
    }

    private String context(TenantConfig tenant, String question) throws Exception {
        String body = JSON.writeValueAsString(
                Map.of("query", question, "mode", "naive", "only_need_context", true, "chunk_top_k", 5));
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(
                                baseUrl + "/v1/tenants/" + tenant.id().value() + "/query"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return response.body();
    }

    /** The document's version (the watcher's clock at publishing) and when the indexer's transaction began. */
    private long[] documentTimes(TenantConfig tenant, String path) throws Exception {
        try (Connection connection = infra.dataSource(tenant).getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT version, (extract(epoch FROM updated_at) * 1000)::bigint FROM documents"
                                + " WHERE workspace = ? AND path = ?")) {
            statement.setString(1, tenant.workspace());
            statement.setString(2, path);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return new long[] {rows.getLong(1), rows.getLong(2)};
            }
        }
    }
}
