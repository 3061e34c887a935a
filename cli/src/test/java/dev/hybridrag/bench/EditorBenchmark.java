package dev.hybridrag.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridrag.cli.RunningServices;
import dev.hybridrag.cli.ServiceKind;
import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.tenant.Isolation;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.core.tenant.TenantId;
import dev.hybridrag.core.tenant.WatchRoot;
import dev.hybridrag.core.testing.FakeOpenAiServer;
import dev.hybridrag.core.testing.TestInfrastructure;
import dev.hybridrag.core.testing.TestKafka;
import dev.hybridrag.core.testing.TestPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6's editor simulation at full length, written to docs/benchmarks/editor.md; run with {@code ./hybridrag bench
 * editor} ({@code EditorSimulationIT} is the short version the test suite runs). 20 SpecStory chats grow by a turn
 * every 200 ms for a minute while watcher, extractor and indexer run; then the database must match the files. Once
 * with a 100 ms debounce (every save is published) and once with the services' 300 ms.
 */
class EditorBenchmark {

    private static final Duration LENGTH = Duration.ofSeconds(Integer.getInteger("editor.seconds", 60));

    @TempDir
    Path work;

    @Test
    void theDatabaseEndsAsTheFinalFiles() throws Exception {
        List<String> rows = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try (TestKafka kafka = new TestKafka();
                TestPostgres postgres = new TestPostgres();
                FakeOpenAiServer provider = FakeOpenAiServer.start()) {
            for (int debounce : new int[] {100, 300}) {
                String id = "editor_" + debounce;
                Path root = work.resolve(id);
                TenantConfig tenant = new TenantConfig(
                        TenantId.of(id),
                        Isolation.WORKSPACE,
                        postgres.settings(),
                        List.of(new WatchRoot(root, List.of("**/.specstory/history/*.md"))),
                        FakeProviderModels.of(provider));
                try (Infrastructure infra = TestInfrastructure.create(
                                kafka.bootstrapServers(),
                                Map.of(
                                        "HYBRIDRAG_TOPIC_PARTITIONS",
                                        "4",
                                        "HYBRIDRAG_DEBOUNCE_MS",
                                        Integer.toString(debounce)),
                                tenant);
                        RunningServices pipeline = RunningServices.start(
                                infra, ServiceKind.indexer, ServiceKind.extractor, ServiceKind.watcher);
                        Admin admin = infra.kafka().admin()) {
                    long eventsBefore = fileEvents(admin, infra.topics().files());
                    EditorSimulation editors = new EditorSimulation(root, 20);
                    EditorSimulation.Written written = editors.append(editors.create(), Duration.ofMillis(200), LENGTH);
                    long stopped = System.nanoTime();
                    List<String> left = awaitMatch(infra, tenant, root, Duration.ofMinutes(10));
                    double seconds = (System.nanoTime() - stopped) / 1e9;
                    String label = debounce + " ms debounce";
                    rows.add("| %s | %d appends to %d files in %.1f s | %d | %s | %s |"
                            .formatted(
                                    label,
                                    written.appends(),
                                    written.files(),
                                    written.took().toMillis() / 1000.0,
                                    fileEvents(admin, infra.topics().files()) - eventsBefore,
                                    left.isEmpty() ? "%.1f s".formatted(seconds) : "no",
                                    left.isEmpty() ? "**matches**" : "**differs**: " + left.getFirst()));
                    left.forEach(problem -> problems.add(label + ": " + problem));
                }
            }
        } finally {
            Reports.writeDocument("editor.md", page(rows));
        }
        assertThat(problems).isEmpty();
    }

    private static List<String> awaitMatch(Infrastructure infra, TenantConfig tenant, Path root, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> left;
        do {
            Thread.sleep(250);
            left = FolderMatch.differences(
                    infra.dataSource(tenant), tenant, root, infra.models().chunker(tenant));
        } while (!left.isEmpty() && System.nanoTime() < deadline);
        return left;
    }

    /** Events in the file topic (each benchmark run starts its own broker). */
    private static long fileEvents(Admin admin, String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> latest =
                admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                        .collect(Collectors.toMap(
                                p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
        return admin.listOffsets(latest).all().get().values().stream()
                .mapToLong(i -> i.offset())
                .sum();
    }

    private static double loadAverage() {
        try {
            return Machine.loadAverage();
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    private static String page(List<String> rows) {
        return """
                # Editor simulation

                Issue 6's editor simulation at full length, run by `./hybridrag bench editor` (`EditorBenchmark`;
                `EditorSimulationIT` runs 15 s of it in the test suite). 20 SpecStory chats under
                `.specstory/history/` (the tenant watches `**/.specstory/history/*.md`) grow by a turn every 200 ms
                for %d s, half appended in place, half saved atomically (temporary file, then rename), while the
                watcher, an extractor and an indexer run in one JVM with an in-JVM Kafka broker, the local PostgreSQL
                and the fake LLM. When the writing stops, the database must match the files: one `processed` document
                per file with the file's SHA-256, exactly the chunks the file splits into, nothing pending or
                processing (`FolderMatch`).

                Measured %s on %s, 1-minute load average %.2f at the end (shared machine).

                | watcher | written | file events published | database matched after the last write | result |
                |---|---|---|---|---|
                %s

                The watcher reads a path once it has been quiet for the debounce window, and at the latest
                `HYBRIDRAG_DEBOUNCE_MAX_MS` (2 s) after the first change of a burst. With a save every 200 ms, the
                100 ms window publishes most saves; the services' 300 ms window is never quiet long enough,
                so each file is read about every 2 s while it grows (about 30 events per file per minute) and once
                more after the last save. The final state is right either way; the window trades extraction calls
                against freshness while someone types.
                """.formatted(
                        LENGTH.toSeconds(),
                        java.time.LocalDate.now(java.time.ZoneOffset.UTC),
                        Reports.machine(),
                        loadAverage(),
                        String.join("\n", rows));
    }
}
