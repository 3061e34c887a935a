package dev.hybridrag.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.storage.TenantSnapshot;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.core.testing.FakeOpenAiServer;
import dev.hybridrag.core.testing.FakeOpenAiServer.Endpoint;
import dev.hybridrag.core.testing.FakeOpenAiServer.Outcome;
import dev.hybridrag.core.testing.Fault;
import dev.hybridrag.core.testing.TestInfrastructure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 6's chaos run, written to docs/benchmarks/chaos.md; run with {@code ./hybridrag bench chaos}. A clean
 * single-replica ingest of the corpus first; then, per run, a fresh tenant ingests it with 2 extractor and 2 indexer
 * processes of the real jar while workers are killed with SIGKILL, PostgreSQL and Kafka are restarted, and the fake
 * LLM answers 20% of chat requests with 429 or 500. Each run must end equal to the clean one ({@code tenant diff}).
 */
class ChaosBenchmark {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path CORPUS =
            Path.of(System.getProperty("bench.corpus", "../../shared/corpus/specstory-minsky"));
    private static final int RUNS = Integer.getInteger("bench.chaos.runs", 3);
    private static final int KILLS = Integer.getInteger("bench.chaos.kills", 24);
    private static final Duration FEED = Duration.ofSeconds(Integer.getInteger("bench.chaos.feedSeconds", 60));
    private static final Duration SETTLE = Duration.ofMinutes(20);
    private static final List<String> WORKERS = List.of("extractor-1", "extractor-2", "indexer-1", "indexer-2");

    @Test
    void everyRunEndsEqualToACleanOne() throws Exception {
        assertThat(CORPUS).as("the corpus folder (set -Dbench.corpus)").isDirectory();
        List<Path> corpus = BenchFolders.markdown(CORPUS);
        Path var = ROOT.resolve("var/chaos");
        List<String> tenants = new ArrayList<>(List.of("clean"));
        for (int run = 1; run <= RUNS; run++) {
            tenants.add("chaos" + run);
        }
        List<ChaosReport.Run> runs = new ArrayList<>();
        ChaosReport.Clean clean;
        try (ChaosStack stack = ChaosStack.of(ROOT, var);
                FakeOpenAiServer provider = FakeOpenAiServer.start()) {
            provider.embeddingDimension(64).respondToChat(ExtractionBenchmark::cannedExtraction);
            stack.up();
            Path inboxes = BenchFolders.fresh(var.resolve("inbox"));
            ChaosTenants tenantsFile = new ChaosTenants(tenants, inboxes, provider.baseUrl());
            Path jar = Files.copy(
                    Path.of("target/hybridrag.jar"), var.resolve("hybridrag.jar"), StandardCopyOption.REPLACE_EXISTING);
            Path logs = BenchFolders.fresh(var.resolve("log/workers"));
            List<TenantConfig> configs =
                    tenants.stream().map(t -> tenantsFile.config(t, stack)).toList();
            try (Infrastructure infra = TestInfrastructure.create(
                            stack.bootstrapServers(), stack.kafkaLogin(), configs.toArray(TenantConfig[]::new));
                    WorkerProcesses workers = new WorkerProcesses(
                            jar,
                            logs,
                            ROOT.resolve("scripts/logback-cli.xml"),
                            tenantsFile.environment(stack, var.resolve("tenants.yaml")))) {
                TenantProgress progress = new TenantProgress(infra);
                workers.start("watcher", "watcher");
                workers.start("extractor-1", "extractor");
                workers.start("indexer-1", "indexer");
                long started = System.nanoTime();
                BenchPipeline.copyCorpusFiles(corpus, inboxes.resolve("clean"));
                progress.awaitSettled(configs.getFirst(), corpus.size(), SETTLE);
                clean = new ChaosReport.Clean(
                        Duration.ofNanos(System.nanoTime() - started),
                        TenantSnapshot.load(infra.dataSource(configs.getFirst()), "clean"));
                System.out.printf(
                        "chaos: clean run settled in %d s%n", clean.duration().toSeconds());

                workers.start("extractor-2", "extractor");
                workers.start("indexer-2", "indexer");
                ChaosRun chaos = new ChaosRun(workers, stack, WORKERS, KILLS, FEED);
                for (int run = 1; run <= RUNS; run++) {
                    runs.add(run(run, configs.get(run), corpus, inboxes, chaos, progress, provider, workers, infra));
                }
            }
        }
        ChaosReport.write(clean, runs, CORPUS, KILLS);
        assertThat(runs).allSatisfy(run -> assertThat(run.differences())
                .as("run " + run.number() + " against the clean run")
                .isEmpty());
    }

    private static ChaosReport.Run run(
            int number,
            TenantConfig tenant,
            List<Path> corpus,
            Path inboxes,
            ChaosRun chaos,
            TenantProgress progress,
            FakeOpenAiServer provider,
            WorkerProcesses workers,
            Infrastructure infra)
            throws Exception {
        provider.faults(Endpoint.CHAT)
                .seed(number)
                .sometimes(0.1, Fault.rateLimited(Duration.ofMillis(200)))
                .sometimes(0.1, Fault.serverError());
        int chatBefore = provider.calls(Endpoint.CHAT);
        int faultsBefore = provider.calls(Outcome.RATE_LIMITED) + provider.calls(Outcome.SERVER_ERROR);
        long deadLettersBefore = progress.deadLetters();
        long started = System.nanoTime();
        ChaosRun.Faults faults = chaos.run(corpus, inboxes.resolve(tenant.id().value()), number);
        progress.awaitSettled(tenant, corpus.size(), SETTLE);
        Duration duration = Duration.ofNanos(System.nanoTime() - started);
        provider.faults(Endpoint.CHAT).clear();
        WorkerProcesses.CommandResult diff = workers.command(List.of(
                "tenant", "diff", "--max-lines", "5", "clean", tenant.id().value()));
        TenantSnapshot snapshot = TenantSnapshot.load(infra.dataSource(tenant), tenant.workspace());
        ChaosReport.Run result = new ChaosReport.Run(
                number,
                faults,
                duration,
                provider.calls(Endpoint.CHAT) - chatBefore,
                provider.calls(Outcome.RATE_LIMITED) + provider.calls(Outcome.SERVER_ERROR) - faultsBefore,
                progress.deadLetters() - deadLettersBefore,
                progress.statusCounts(tenant),
                snapshot,
                diff.exitCode() == 0 ? List.of() : diff.output().lines().toList());
        System.out.printf(
                "chaos: run %d: %d kills, settled after %d s, tenant diff: %s%n",
                number, faults.kills(), duration.toSeconds(), diff.output().strip());
        return result;
    }
}
