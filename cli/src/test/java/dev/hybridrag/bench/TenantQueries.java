package dev.hybridrag.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hybridrag.core.tenant.TenantConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One closed-loop client per tenant asking mix-mode questions over HTTP (retrieval only, keywords given, so every
 * question reads the tenant's chunks, entities and relations) about words of its own documents, until stopped.
 */
final class TenantQueries {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CAPITALISED = Pattern.compile("\\b[A-Z][a-zA-Z]{3,}\\b");

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final int port;
    private final List<TenantConfig> tenants;
    private final List<List<String>> words = new ArrayList<>();
    private final AtomicInteger answered = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private volatile boolean stopping;

    TenantQueries(int port, List<TenantConfig> tenants, List<List<String>> pieces) {
        this.port = port;
        this.tenants = List.copyOf(tenants);
        for (List<String> share : pieces) {
            Set<String> found = new LinkedHashSet<>();
            Matcher matcher = CAPITALISED.matcher(String.join(" ", share));
            while (matcher.find() && found.size() < 40) {
                found.add(matcher.group());
            }
            words.add(found.isEmpty() ? List.of("Minsky") : List.copyOf(found));
        }
    }

    /** Asks until {@link #stop()}, and at least {@code minimum} questions per tenant. */
    void askUntilStopped(int minimum) throws Exception {
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < tenants.size(); i++) {
                int tenant = i;
                running.add(clients.submit(() -> {
                    for (int asked = 0; !stopping || asked < minimum; asked++) {
                        ask(tenant, asked);
                    }
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get();
            }
        }
    }

    private void ask(int tenant, int asked) throws Exception {
        List<String> vocabulary = words.get(tenant);
        String first = vocabulary.get(asked % vocabulary.size());
        String second = vocabulary.get((asked * 7 + 3) % vocabulary.size());
        String body = JSON.writeValueAsString(Map.of(
                "query",
                "What did the chat say about " + first + " and " + second + "?",
                "mode",
                "mix",
                "only_need_context",
                true,
                "hl_keywords",
                List.of(first),
                "ll_keywords",
                List.of(second)));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/tenants/"
                        + tenants.get(tenant).id() + "/query"))
                .timeout(Duration.ofMinutes(2))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
            answered.incrementAndGet();
        } else {
            failed.incrementAndGet();
            if (failures.size() < 5) {
                failures.add(response.statusCode() + " " + response.body());
            }
        }
    }

    void stop() {
        stopping = true;
    }

    int answered() {
        return answered.get();
    }

    int failed() {
        return failed.get();
    }

    /** The first few failures, status and body. */
    List<String> failures() {
        return List.copyOf(failures);
    }
}
