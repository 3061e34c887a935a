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
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15's ingest cost of full-text search: the whole corpus ingested by one tenant after another, alternately with
 * the lexical columns filled (migration V10's triggers: {@code text_lexemes} per row and the GIN index entries) and
 * without (triggers disabled, the columns defaulting to an empty {@code tsvector}, so neither the triggers nor the
 * indexer's backfill compute anything). The pipeline as {@link NeighboursBenchmark} runs it: offline extractor,
 * embeddings from a fake server on loopback, watcher, extractor and indexer in this JVM; an unmeasured warm-up
 * ingest first. Writes docs/benchmarks/lexical-ingest.md; run with {@code ./hybridrag bench lexicalIngest}
 * ({@code -Dbench.pairs=N}: how many with/without pairs, 1 by default).
 */
class LexicalIngestBenchmark {

    private static final Path CORPUS =
            Path.of(System.getProperty("bench.corpus", "../../shared/corpus/specstory-minsky"));
    private static final int PAIRS = Integer.getInteger("bench.pairs", 1);
    private static final Duration SETTLE = Duration.ofMinutes(60);
    private static final List<String> TABLES = List.of("chunks", "entities", "relations");

    @TempDir
    Path work;

    @Test
    void ingestWithAndWithoutTheLexicalColumns() throws Exception {
        int documents = BenchFolders.corpus(CORPUS).size();
        double loadBefore = Machine.loadAverage();
        List<Duration> with = new ArrayList<>();
        List<Duration> without = new ArrayList<>();
        try (TestKafka kafka = new TestKafka();
                TestPostgres postgres = new TestPostgres();
                FakeOpenAiServer embeddings = FakeOpenAiServer.start()) {
            ModelSettings models = FakeProviderModels.offlineExtraction(embeddings);
            List<TenantConfig> tenants = new ArrayList<>();
            for (int i = 0; i <= 2 * PAIRS; i++) {
                String name = i == 0 ? "warm" : "run" + i;
                tenants.add(TestInfrastructure.tenant(name, postgres.settings(), work.resolve(name), models));
            }
            try (Infrastructure infra = TestInfrastructure.create(
                            kafka.bootstrapServers(),
                            Map.of("HYBRIDRAG_DEBOUNCE_MS", "300", "HYBRIDRAG_QUERY_PORT", "0"),
                            tenants.toArray(TenantConfig[]::new));
                    RunningServices pipeline = RunningServices.start(
                            infra, ServiceKind.watcher, ServiceKind.extractor, ServiceKind.indexer);
                    FolderIngest ingest = new FolderIngest(infra)) {
                TenantProgress progress = new TenantProgress(infra);
                // Unmeasured: the first ingest pays for class loading, JIT and the first index pages.
                ingestAll(ingest, progress, tenants.getFirst(), documents);
                for (int pair = 0; pair < PAIRS; pair++) {
                    lexical(postgres, true);
                    with.add(ingestAll(ingest, progress, tenants.get(1 + 2 * pair), documents));
                    System.out.printf(
                            "lexical ingest: with %d s%n", with.getLast().toSeconds());
                    lexical(postgres, false);
                    without.add(ingestAll(ingest, progress, tenants.get(2 + 2 * pair), documents));
                    System.out.printf(
                            "lexical ingest: without %d s%n", without.getLast().toSeconds());
                }
                lexical(postgres, true);
            }
        }
        write(documents, with, without, loadBefore, Machine.loadAverage());
        assertThat(with).hasSize(PAIRS);
    }

    /** Turns the lexical columns' filling on (the migrations' state) or off, for every tenant of the database. */
    private static void lexical(TestPostgres postgres, boolean on) throws Exception {
        try (Connection connection = postgres.connect();
                Statement sql = connection.createStatement()) {
            for (String table : TABLES) {
                sql.execute("ALTER TABLE " + table + (on ? " ENABLE" : " DISABLE") + " TRIGGER " + table + "_lexemes");
                sql.execute("ALTER TABLE " + table + " ALTER COLUMN lexemes "
                        + (on ? "DROP DEFAULT" : "SET DEFAULT ''::tsvector"));
            }
        }
    }

    private static Duration ingestAll(FolderIngest ingest, TenantProgress progress, TenantConfig tenant, int documents)
            throws Exception {
        return progress.timeIngest(ingest, tenant, CORPUS, documents, SETTLE);
    }

    private static void write(
            int documents, List<Duration> with, List<Duration> without, double loadBefore, double loadAfter)
            throws Exception {
        double withSeconds = seconds(with);
        double withoutSeconds = seconds(without);
        List<String> rows = new ArrayList<>();
        rows.add("| ingests of each kind | %d |".formatted(with.size()));
        rows.add("| with the lexical columns (mean) | %.1f s %s |".formatted(withSeconds, each(with)));
        rows.add("| without (mean) | %.1f s %s |".formatted(withoutSeconds, each(without)));
        rows.add("| cost of the lexical columns | %+.1f%% |".formatted(100 * (withSeconds / withoutSeconds - 1)));
        rows.add("| 1-minute load average before, after | %.2f, %.2f |".formatted(loadBefore, loadAfter));
        Reports.write(
                "lexical-ingest.md", "Ingest time with and without full-text search", """
                Run by `./hybridrag bench lexicalIngest` (`LexicalIngestBenchmark`): the %d files of
                `specstory-minsky` ingested by one tenant after another (offline extractor, embeddings from a fake
                server on loopback, watcher, extractor and indexer in one JVM, an in-JVM broker, the local
                PostgreSQL; an unmeasured warm-up ingest first), alternately with the `lexemes` columns of
                migration V10 filled by their triggers and without (triggers disabled, the columns defaulting to
                an empty `tsvector`, so the indexer's backfill has nothing to do either). An ingest ends when every
                document is processed and no graph key is dirty. Issue 15's limit: no more than 10%% slower.""".formatted(documents), rows);
        rows.forEach(System.out::println);
    }

    private static double seconds(List<Duration> runs) {
        return runs.stream().mapToLong(Duration::toMillis).average().orElse(0) / 1000.0;
    }

    private static String each(List<Duration> runs) {
        return runs.stream()
                .map(d -> "%.1f".formatted(d.toMillis() / 1000.0))
                .toList()
                .toString();
    }
}
