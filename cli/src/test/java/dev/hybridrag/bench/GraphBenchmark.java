package dev.hybridrag.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.storage.TenantSnapshot;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.core.testing.FakeOpenAiServer;
import dev.hybridrag.core.testing.TestInfrastructure;
import dev.hybridrag.core.testing.TestKafka;
import dev.hybridrag.core.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4's acceptance over the corpus with the offline extractor: ingest it (twice, 128 documents), delete 85,
 * modify 10, and compare with a fresh ingest of the final folder into a second tenant by content, the way
 * {@code ./hybridrag tenant diff} does. Embeddings come from the fake provider so that the numbers measure the
 * pipeline, not the local embedding model. Writes docs/benchmarks/graph.md; run with
 * {@code ./hybridrag bench graph}.
 */
class GraphBenchmark {

    private static final Path CORPUS =
            Path.of(System.getProperty("bench.corpus", "../../shared/corpus/specstory-minsky"));

    @TempDir
    Path work;

    @Test
    void editsAndDeletesEqualAFreshIngest() throws Exception {
        assertThat(CORPUS).isDirectory();
        List<String> report = new ArrayList<>();
        try (TestKafka kafka = new TestKafka();
                TestPostgres postgres = new TestPostgres();
                FakeOpenAiServer embeddings = FakeOpenAiServer.start().embeddingDimension(64)) {
            TenantConfig edited = tenant("edited", postgres, work.resolve("edited"), embeddings);
            TenantConfig fresh = tenant("fresh", postgres, work.resolve("fresh"), embeddings);
            try (Infrastructure infra = TestInfrastructure.create(
                            kafka.bootstrapServers(), Map.of("HYBRIDRAG_DEBOUNCE_MS", "200"), edited, fresh);
                    BenchPipeline pipeline = new BenchPipeline(infra)) {
                int files = BenchPipeline.copyCorpus(CORPUS, work.resolve("edited/a"));
                BenchPipeline.copyCorpus(CORPUS, work.resolve("edited/b"));
                long started = System.nanoTime();
                pipeline.awaitSettled(edited, 2L * files, Duration.ofMinutes(20));
                double ingestSeconds = seconds(started);
                pipeline.awaitGraphSettled(edited, Duration.ofMinutes(20));
                double graphSeconds = seconds(started);
                TenantSnapshot first = TenantSnapshot.load(infra.dataSource(edited), "edited");
                report.add(row("ingest: documents", 2 * files));
                report.add(row("ingest: chunks / fragments", first.rows("chunks") + " / " + first.rows("fragments")));
                report.add(
                        row("ingest: entities / relations", first.rows("entities") + " / " + first.rows("relations")));
                report.add(row("ingest: seconds until every document is processed", "%.1f".formatted(ingestSeconds)));
                report.add(row(
                        "ingest: documents/s, chunks/s, fragments/s",
                        "%.1f, %.0f, %.0f"
                                .formatted(
                                        2 * files / ingestSeconds,
                                        first.rows("chunks") / ingestSeconds,
                                        first.rows("fragments") / ingestSeconds)));
                report.add(row("ingest: seconds until the graph has settled", "%.1f".formatted(graphSeconds)));

                List<Path> deleted = new ArrayList<>(list(work.resolve("edited/b")));
                deleted.addAll(list(work.resolve("edited/a")).subList(0, 85 - files));
                List<String> deletedPaths = deleted.stream()
                        .map(p -> work.resolve("edited").relativize(p).toString())
                        .toList();
                long touched = count(
                        postgres,
                        "SELECT count(DISTINCT (kind, key)) FROM fragments"
                                + " WHERE workspace = 'edited' AND path = ANY (?)",
                        deletedPaths);
                long rebuiltBefore = pipeline.rebuiltGraphKeys();
                started = System.nanoTime();
                for (Path file : deleted) {
                    Files.delete(file);
                }
                pipeline.awaitSettled(edited, 2L * files - 85, Duration.ofMinutes(10));
                awaitGone(postgres, deletedPaths);
                pipeline.awaitGraphSettled(edited, Duration.ofMinutes(10));
                double deleteSeconds = seconds(started);
                long rebuilt = pipeline.rebuiltGraphKeys() - rebuiltBefore;
                report.add(row("delete 85 documents: graph keys they touched", touched));
                report.add(row(
                        "delete 85 documents: key rebuilds (coalesced)",
                        rebuilt + " (%.2f per key)".formatted(rebuilt / (double) touched)));
                report.add(row("delete 85 documents: seconds until settled", "%.1f".formatted(deleteSeconds)));

                List<Path> remaining = list(work.resolve("edited/a"));
                started = System.nanoTime();
                for (Path file : remaining.subList(0, 10)) {
                    Files.writeString(
                            file,
                            Files.readString(file) + "\n\n---\n\n_**User**_\n\nPlease also document"
                                    + " the Kafka topics and the PostgreSQL schema in README.md.\n");
                }
                Thread.sleep(1000);
                pipeline.awaitSettled(edited, remaining.size(), Duration.ofMinutes(10));
                pipeline.awaitGraphSettled(edited, Duration.ofMinutes(10));
                report.add(row("modify 10 documents: seconds until settled", "%.1f".formatted(seconds(started))));

                BenchPipeline.copyCorpusFiles(remaining, work.resolve("fresh/a"));
                pipeline.awaitSettled(fresh, remaining.size(), Duration.ofMinutes(20));
                pipeline.awaitGraphSettled(fresh, Duration.ofMinutes(20));
                TenantSnapshot afterEdits = TenantSnapshot.load(infra.dataSource(edited), "edited");
                TenantSnapshot fromScratch = TenantSnapshot.load(infra.dataSource(fresh), "fresh");
                List<String> differences = afterEdits.differences(fromScratch, 10);
                report.add(row(
                        "edited tenant vs fresh ingest of the final folder",
                        differences.isEmpty() ? "equal" : differences.size() + " differences"));
                long orphanEntities = count(
                        postgres,
                        "SELECT count(*) FROM entities WHERE workspace = 'edited'" + " AND source_files && ?::text[]",
                        deletedPaths);
                long orphanFragments = count(
                        postgres,
                        "SELECT count(*) FROM fragments f WHERE NOT EXISTS (SELECT 1"
                                + " FROM chunks c WHERE c.workspace = f.workspace AND c.path = f.path"
                                + " AND c.chunk_id = f.chunk_id) AND ? IS NOT NULL",
                        List.of());
                report.add(row("entities still citing a deleted file", orphanEntities));
                report.add(row("fragments without their chunk", orphanFragments));
                differences.forEach(System.out::println);
                assertThat(differences).isEmpty();
                assertThat(orphanEntities).isZero();
                assertThat(orphanFragments).isZero();
            }
        } finally {
            Reports.write("graph.md", "Graph updates and deletes", """
                    Issue 4's acceptance over `../shared/corpus/specstory-minsky` with the offline extractor, run by
                    `./hybridrag bench graph`: the pipeline in one JVM (watcher, extractor, indexer with its graph
                    materializer) against an in-JVM Kafka broker and the local PostgreSQL. Chunk and entity vectors
                    come from a fake embedding server on loopback, so the times measure chunking, extraction,
                    indexing and materialisation rather than the local embedding model (which embeds about 16
                    chunks/s on this machine). The corpus is ingested twice (128 documents), 85 are deleted at once,
                    10 of the rest get a new turn, and the result is compared by content with a fresh ingest of the
                    final folder.""", report);
        }
        report.forEach(System.out::println);
    }

    private static TenantConfig tenant(String id, TestPostgres postgres, Path root, FakeOpenAiServer embeddings) {
        return TestInfrastructure.tenant(
                id, postgres.settings(), root, FakeProviderModels.offlineExtraction(embeddings));
    }

    private static void awaitGone(TestPostgres postgres, List<String> paths) throws Exception {
        for (int i = 0; i < 2400; i++) {
            if (count(postgres, "SELECT count(*) FROM chunks WHERE workspace = 'edited' AND path = ANY (?)", paths)
                    == 0) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("deleted documents still have chunks");
    }

    private static List<Path> list(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }

    private static long count(TestPostgres postgres, String sql, List<String> paths) throws Exception {
        try (Connection connection = postgres.connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("text", paths.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static double seconds(long started) {
        return (System.nanoTime() - started) / 1e9;
    }

    private static String row(String what, Object value) {
        return "| " + what + " | " + value + " |";
    }
}
