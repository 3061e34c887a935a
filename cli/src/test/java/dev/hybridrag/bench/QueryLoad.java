package dev.hybridrag.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Closed-loop clients over HTTP: each sends its next question as soon as the previous answer has arrived, so
 * {@code clients} requests are in flight at any time. Latency is measured by the client, from send to the last
 * byte of the answer.
 */
final class QueryLoad {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one run measured. Latencies in milliseconds, sorted. */
    record Result(String mode, int clients, double[] millis, double seconds, int failures, double[] meanContext) {

        double percentile(double p) {
            int rank = (int) Math.ceil(p / 100 * millis.length);
            return millis[Math.max(0, rank - 1)];
        }

        double throughput() {
            return millis.length / seconds;
        }
    }

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI endpoint;
    private final List<String> questions;
    private final AtomicInteger next = new AtomicInteger();

    QueryLoad(URI endpoint, List<String> questions) {
        this.endpoint = endpoint;
        this.questions = List.copyOf(questions);
    }

    /** {@code requests} answers in {@code mode} from {@code clients} concurrent clients. */
    Result run(String mode, int clients, int requests) throws Exception {
        AtomicInteger left = new AtomicInteger(requests);
        AtomicInteger failures = new AtomicInteger();
        List<Future<Samples>> perClient = new ArrayList<>();
        long started = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            for (int c = 0; c < clients; c++) {
                perClient.add(pool.submit(() -> {
                    Samples samples = new Samples();
                    while (left.getAndDecrement() > 0) {
                        HttpRequest request = request(mode);
                        long sent = System.nanoTime();
                        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        double millis = (System.nanoTime() - sent) / 1e6;
                        if (response.statusCode() != 200) {
                            failures.incrementAndGet();
                            continue;
                        }
                        samples.millis.add(millis);
                        // Reading one answer in ten is enough to describe them, and keeps the clients, which share
                        // the machine's cores with the service, light.
                        if (samples.millis.size() % 10 == 1) {
                            JsonNode context = JSON.readTree(response.body()).path("context");
                            samples.contexts.add(new double[] {
                                context.path("chunks").size(),
                                context.path("entities").size(),
                                context.path("relations").size()
                            });
                        }
                    }
                    return samples;
                }));
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Samples all = new Samples();
        for (Future<Samples> client : perClient) {
            Samples one = client.get();
            all.millis.addAll(one.millis);
            all.contexts.addAll(one.contexts);
        }
        double[] millis =
                all.millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double[] meanContext = new double[3];
        for (int i = 0; i < 3; i++) {
            int column = i;
            meanContext[i] =
                    all.contexts.stream().mapToDouble(c -> c[column]).average().orElse(0);
        }
        return new Result(mode, clients, millis, seconds, failures.get(), meanContext);
    }

    private static final class Samples {
        final List<Double> millis = new ArrayList<>();
        final List<double[]> contexts = new ArrayList<>();
    }

    private HttpRequest request(String mode) throws Exception {
        String question = questions.get(Math.floorMod(next.getAndIncrement(), questions.size()));
        String body = JSON.writeValueAsString(
                JSON.createObjectNode().put("query", question).put("mode", mode).put("only_need_context", true));
        return HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    static String summary(Result result) {
        return "%s x%d: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, %.1f req/s, %d failures, context %s"
                .formatted(
                        result.mode(),
                        result.clients(),
                        result.percentile(50),
                        result.percentile(95),
                        result.percentile(99),
                        result.throughput(),
                        result.failures(),
                        Arrays.toString(result.meanContext()));
    }
}
