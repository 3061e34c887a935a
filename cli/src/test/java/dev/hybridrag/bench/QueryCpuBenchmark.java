package dev.hybridrag.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.OperatingSystemMXBean;
import dev.hybridrag.cli.RunningServices;
import dev.hybridrag.cli.ServiceKind;
import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.embed.Embedder;
import dev.hybridrag.core.tenant.PostgresSettings;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.core.testing.TestInfrastructure;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a query's CPU goes: the query benchmark's 100k tenant (made by {@code ./hybridrag bench query
 * -Dbench.phase=prepare}), one client asking one question at a time over HTTP, and for each round the CPU the
 * query-service's JVM (this JVM: the service, its embedding model, and the light client) and every PostgreSQL process
 * on the machine spent per request; then the offline embedding of one question, alone. On two cores a request's CPU
 * is its latency's floor: half of it with perfect overlap. Writes docs/benchmarks/query-cpu.md; run with {@code
 * ./hybridrag bench queryCpu} on an otherwise idle machine. Settings: {@code bench.mode} (mix), {@code bench.warmup}
 * (1200 requests at 4 clients), {@code bench.rounds} (4), {@code bench.requests} per round (300).
 */
class QueryCpuBenchmark {

    private static final String MODE = System.getProperty("bench.mode", "mix");
    private static final int WARM_UP = Integer.getInteger("bench.warmup", 1200);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 4);
    private static final int REQUESTS = Integer.getInteger("bench.requests", 300);
    private static final double MILLIS_PER_TICK = 1000.0 / ProcessStats.TICKS_PER_SECOND;

    @TempDir
    Path work;

    @Test
    void cpuPerRequest() throws Exception {
        PostgresSettings settings = QueryBenchmark.tenantDatabase(QueryBenchmark.adminUrl());
        TenantConfig tenant = TestInfrastructure.tenant("bench", settings, work);
        assertThat(QueryBenchmark.QUESTIONS)
                .as("the questions are written by `./hybridrag bench query -Dbench.phase=prepare` first")
                .exists();
        List<String> questions = Files.readAllLines(QueryBenchmark.QUESTIONS);
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        List<String> rows = new ArrayList<>();
        // The query path never touches Kafka; nothing listens on this address.
        try (Infrastructure infra = TestInfrastructure.create("127.0.0.1:9", serviceSettings(), tenant);
                RunningServices queryService = RunningServices.start(infra, ServiceKind.query)) {
            QueryLoad load = new QueryLoad(
                    URI.create("http://127.0.0.1:" + queryService.queryPort() + "/v1/tenants/bench/query"), questions);
            System.out.println("warm-up: " + QueryLoad.summary(load.run(MODE, 4, WARM_UP)));
            for (int round = 1; round <= ROUNDS; round++) {
                long jvmBefore = os.getProcessCpuTime();
                long postgresBefore = LocalPostgres.cpuTicks();
                QueryLoad.Result result = load.run(MODE, 1, REQUESTS);
                double jvm = (os.getProcessCpuTime() - jvmBefore) / 1e6 / REQUESTS;
                double postgres = (LocalPostgres.cpuTicks() - postgresBefore) * MILLIS_PER_TICK / REQUESTS;
                assertThat(result.failures()).isZero();
                String row = "| %d | %.1f | %.1f | %.1f | %.1f | %.1f |"
                        .formatted(round, result.percentile(50), result.percentile(90), jvm, postgres, jvm + postgres);
                System.out.println(row);
                rows.add(row);
            }
            Embedder embedder = infra.models().embedder(tenant);
            double[] embedding = embeddingCost(embedder, questions.subList(0, 600), os);
            Reports.writeDocument("query-cpu.md", report(rows, embedding));
        }
    }

    /**
     * The query-service's settings: the benchmark's environment's own {@code HYBRIDRAG_*} settings (so a setting can
     * be measured, e.g. {@code HYBRIDRAG_HNSW_EF_SEARCH=300 ./hybridrag bench queryCpu}), on a free port.
     */
    private static Map<String, String> serviceSettings() {
        Map<String, String> settings = new HashMap<>();
        System.getenv().forEach((name, value) -> {
            if (name.startsWith("HYBRIDRAG_")) {
                settings.put(name, value);
            }
        });
        settings.put("HYBRIDRAG_QUERY_PORT", "0");
        return settings;
    }

    /** Wall and process CPU milliseconds of embedding one question, the second 300 questions after 300 to warm up. */
    private static double[] embeddingCost(Embedder embedder, List<String> questions, OperatingSystemMXBean os) {
        questions.subList(0, 300).forEach(embedder::embedQuery);
        long cpuBefore = os.getProcessCpuTime();
        long started = System.nanoTime();
        questions.subList(300, 600).forEach(embedder::embedQuery);
        return new double[] {(System.nanoTime() - started) / 1e6 / 300, (os.getProcessCpuTime() - cpuBefore) / 1e6 / 300
        };
    }

    private static String report(List<String> rows, double[] embedding) throws IOException {
        return """
                # Where a query's CPU goes

                `./hybridrag bench queryCpu` (`QueryCpuBenchmark`): the query benchmark's tenant (100,000 chunks, \
                50,000 entities, 100,000 relations; [query.md](query.md)), the query-service in the benchmark's JVM \
                on loopback, one client asking `%1$s` questions one at a time (`only_need_context`), after %2$d \
                requests at 4 clients to warm up. Per round of %3$d requests: the client's latency, and the CPU \
                time per request of the benchmark's JVM (the query-service, its offline embedding model run by \
                onnxruntime, the client) and of every PostgreSQL process on the machine, read from the JVM and \
                from `/proc` before and after the round. On two cores, half of a request's CPU is the floor of its \
                latency, reached only with every piece overlapping perfectly.

                Measured %4$s on %5$s; PostgreSQL's shared memory on pages of %11$s.

                | round | p50 ms | p90 ms | JVM CPU ms / request | PostgreSQL CPU ms / request | total |
                |---:|---:|---:|---:|---:|---:|
                %6$s

                The offline embedding of one question (bge-small-en-v1.5-q with its query instruction, one at a \
                time, 300 questions after 300 to warm up): %7$.2f ms wall, %8$.2f ms of the process's CPU. A `mix` \
                query embeds two texts (the question and its names).

                %9$s

                %10$s""".formatted(
                        MODE,
                        WARM_UP,
                        REQUESTS,
                        java.time.LocalDate.now(java.time.ZoneOffset.UTC),
                        Reports.machine(),
                        String.join("\n", rows),
                        embedding[0],
                        embedding[1],
                        Reports.KEPT_BY_HAND,
                        Reports.keptPart("query-cpu.md", Reports.KEPT_BY_HAND),
                        LocalPostgres.sharedMemoryPages());
    }
}
