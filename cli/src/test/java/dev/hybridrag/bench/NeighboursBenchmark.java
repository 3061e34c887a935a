package dev.hybridrag.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridrag.cli.RunningServices;
import dev.hybridrag.cli.ServiceKind;
import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.tenant.ModelSettings;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.core.testing.FakeOpenAiServer;
import dev.hybridrag.core.testing.TestInfrastructure;
import dev.hybridrag.core.testing.TestKafka;
import dev.hybridrag.core.testing.TestPostgres;
import dev.hybridrag.watcher.FolderIngest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17's neighbours benchmark, written to docs/benchmarks/neighbours.md; run with {@code ./hybridrag bench
 * neighbours}. The offline extractor, embeddings from a fake server on loopback (the local model would make each
 * ingest about 18 minutes of embedding), the pipeline in this JVM (watcher, extractor, indexer, query-service). After an unmeasured
 * warm-up ingest, one tenant ingests the whole corpus alone ({@code hybridrag ingest}'s code); then another tenant ingests it again while
 * a third writes a one-paragraph note into its watched folder every 5 s, each timed until naive-mode context finds
 * it. An ingest ends when every document is processed and no graph key is dirty.
 */
class NeighboursBenchmark {

    private static final Path CORPUS =
            Path.of(System.getProperty("bench.corpus", "../../shared/corpus/specstory-minsky"));
    private static final Duration NOTE_EVERY = Duration.ofSeconds(5);
    private static final Duration SETTLE = Duration.ofMinutes(90);

    @TempDir
    Path work;

    @Test
    void aSmallTenantStaysFreshWhileABigOneIngests() throws Exception {
        int documents = BenchFolders.corpus(CORPUS).size();
        double loadBefore = Machine.loadAverage();
        NeighboursReport report = new NeighboursReport(CORPUS, documents);
        try (TestKafka kafka = new TestKafka();
                TestPostgres postgres = new TestPostgres();
                FakeOpenAiServer embeddings = FakeOpenAiServer.start()) {
            ModelSettings models = FakeProviderModels.offlineExtraction(embeddings);
            TenantConfig warm = TestInfrastructure.tenant("warm", postgres.settings(), work.resolve("warm"), models);
            TenantConfig alone = TestInfrastructure.tenant("alone", postgres.settings(), work.resolve("alone"), models);
            TenantConfig big = TestInfrastructure.tenant("big", postgres.settings(), work.resolve("big"), models);
            TenantConfig small = TestInfrastructure.tenant("small", postgres.settings(), work.resolve("small"), models);
            try (Infrastructure infra = TestInfrastructure.create(
                            kafka.bootstrapServers(),
                            Map.of("HYBRIDRAG_DEBOUNCE_MS", "300", "HYBRIDRAG_QUERY_PORT", "0"),
                            warm,
                            alone,
                            big,
                            small);
                    RunningServices pipeline = RunningServices.start(infra, ServiceKind.values());
                    FolderIngest ingest = new FolderIngest(infra)) {
                FreshnessProbe probe = new FreshnessProbe(infra, "http://127.0.0.1:" + pipeline.queryPort());
                TenantProgress progress = new TenantProgress(infra);
                probe.warmUp(small);

                // Unmeasured: the first ingest pays for class loading, JIT and the first vector index builds.
                ingestAll(ingest, progress, warm, documents);
                report.alone(ingestAll(ingest, progress, alone, documents));
                System.out.printf("neighbours: alone %d s%n", report.aloneTime().toSeconds());

                CompletableFuture<Duration> bigIngest =
                        CompletableFuture.supplyAsync(() -> ingestAllUnchecked(ingest, progress, big, documents));
                List<Duration> notes = new ArrayList<>();
                while (!bigIngest.isDone()) {
                    long started = System.nanoTime();
                    Duration latency = probe.answerable(small);
                    notes.add(latency);
                    System.out.printf("neighbours: note %d answerable after %d ms%n", notes.size(), latency.toMillis());
                    long rest = NOTE_EVERY.toNanos() - (System.nanoTime() - started);
                    if (rest > 0) {
                        Thread.sleep(Duration.ofNanos(rest));
                    }
                }
                report.withNeighbour(bigIngest.get(), notes);
            }
        }
        report.write(loadBefore, Machine.loadAverage());
        assertThat(report.notes()).isNotEmpty();
    }

    private static Duration ingestAll(FolderIngest ingest, TenantProgress progress, TenantConfig tenant, int documents)
            throws Exception {
        return progress.timeIngest(ingest, tenant, CORPUS, documents, SETTLE);
    }

    private static Duration ingestAllUnchecked(
            FolderIngest ingest, TenantProgress progress, TenantConfig tenant, int documents) {
        try {
            return ingestAll(ingest, progress, tenant, documents);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
