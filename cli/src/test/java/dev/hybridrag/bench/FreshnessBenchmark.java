package dev.hybridrag.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridrag.cli.RunningServices;
import dev.hybridrag.cli.ServiceKind;
import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.core.testing.FakeOpenAiServer;
import dev.hybridrag.core.testing.FakeOpenAiServer.Endpoint;
import dev.hybridrag.core.testing.Fault;
import dev.hybridrag.core.testing.TestInfrastructure;
import dev.hybridrag.core.testing.TestKafka;
import dev.hybridrag.core.testing.TestPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6's freshness benchmark, written to docs/benchmarks/freshness.md; run with {@code ./hybridrag bench
 * freshness}. The pipeline (watcher with the services' debounce, extractor, indexer, query-service) runs in this JVM
 * with an in-JVM broker and the local PostgreSQL; one file after another is written into the watched folder and
 * naive-mode context is asked for until it holds the file's text. Once with the fake LLM answering at once, once
 * with every chat answer 500 ms late.
 */
class FreshnessBenchmark {

    private static final int WRITES = Integer.getInteger("bench.freshness.writes", 100);
    /** The debounce {@code hybridrag run watcher} uses. */
    private static final Duration DEBOUNCE = Duration.ofMillis(Integer.getInteger("bench.freshness.debounceMs", 300));

    @TempDir
    Path work;

    @Test
    void fileWritesBecomeQueryable() throws Exception {
        double loadBefore =
                Machine.awaitQuiet(Double.parseDouble(System.getProperty("bench.freshness.maxLoad", "1.5")));
        List<FreshnessProbe.Result> results = new ArrayList<>();
        try (TestKafka kafka = new TestKafka();
                TestPostgres postgres = new TestPostgres();
                FakeOpenAiServer provider = FakeOpenAiServer.start()) {
            TenantConfig instant = TestInfrastructure.tenant(
                    "instant", postgres.settings(), work.resolve("instant"), FakeProviderModels.of(provider));
            TenantConfig delayed = TestInfrastructure.tenant(
                    "delayed", postgres.settings(), work.resolve("delayed"), FakeProviderModels.of(provider));
            try (Infrastructure infra = TestInfrastructure.create(
                            kafka.bootstrapServers(),
                            Map.of(
                                    "HYBRIDRAG_DEBOUNCE_MS",
                                    Long.toString(DEBOUNCE.toMillis()),
                                    "HYBRIDRAG_QUERY_PORT",
                                    "0"),
                            instant,
                            delayed);
                    RunningServices pipeline = RunningServices.start(infra, ServiceKind.values())) {
                FreshnessProbe probe = new FreshnessProbe(infra, "http://127.0.0.1:" + pipeline.queryPort());
                probe.warmUp(instant);
                results.add(probe.measure(instant, "fake LLM answering at once", WRITES));
                provider.faults(Endpoint.CHAT).sometimes(1.0, Fault.slow(Duration.ofMillis(500)));
                probe.warmUp(delayed);
                results.add(probe.measure(delayed, "fake LLM answering after 500 ms", WRITES));
            }
        }
        FreshnessReport.write(results, WRITES, DEBOUNCE, loadBefore, Machine.loadAverage());
        results.forEach(result -> System.out.println(result.summary()));
        assertThat(results).allSatisfy(result -> assertThat(result.latencies()).hasSize(WRITES));
    }
}
