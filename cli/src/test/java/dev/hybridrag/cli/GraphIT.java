package dev.hybridrag.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.llm.ChatMessage;
import dev.hybridrag.core.storage.TenantSnapshot;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.core.testing.FakeOpenAiServer;
import dev.hybridrag.core.testing.TestInfrastructure;
import dev.hybridrag.watcher.FileResubmitter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The graph is always exactly what the current files say: updates and deletes leave no stale fact, replays change
 * nothing, and two indexers working at once lose nothing and duplicate nothing. Extraction is scripted (a fake LLM
 * that names the capitalised words of each sentence), so every expected fact is known.
 */
class GraphIT {

    private static final Pattern SENTENCE = Pattern.compile("[^.\\n]+\\.");
    private static final Pattern CAPITALISED = Pattern.compile("\\b[A-Z][a-z]{2,}\\b");

    // Two indexers (each with its graph materializer) share the work, as two replicas would.
    @RegisterExtension
    static final RunningPipeline pipeline = RunningPipeline.with(
                    ServiceKind.indexer, ServiceKind.indexer, ServiceKind.extractor, ServiceKind.watcher)
            .settings(Map.of("HYBRIDRAG_TOPIC_PARTITIONS", "4", "HYBRIDRAG_DEBOUNCE_MS", "50"))
            .provider(provider -> provider.embeddingDimension(16).respondToChat(GraphIT::extraction))
            .tenants(p -> List.of(tenant(p, "edited"), tenant(p, "fresh"), tenant(p, "busy")));

    private static Infrastructure infra;
    private static TenantConfig edited;
    private static TenantConfig fresh;
    private static TenantConfig busy;

    @BeforeAll
    static void tenants() {
        infra = pipeline.infra();
        edited = pipeline.tenant("edited");
        fresh = pipeline.tenant("fresh");
        busy = pipeline.tenant("busy");
    }

    @Test
    void changesAndDeletesLeaveExactlyWhatAFreshIngestOfTheFinalFilesGives() throws Exception {
        Path edits = edited.watch().getFirst().root();
        Files.writeString(edits.resolve("a.md"), "Kafka feeds Postgres. Alice runs Kafka.");
        Files.writeString(edits.resolve("b.md"), "Bob tunes Postgres. Carol reviews Kafka.");
        Files.writeString(edits.resolve("c.md"), "Dave likes Redis. Bob tunes Postgres.");
        awaitSettled(edited, 3);
        assertThat(entityNames(edited)).contains("Dave", "Redis", "Carol");

        Files.writeString(edits.resolve("b.md"), "Bob tunes Postgres. Erin replaces Carol.");
        Files.delete(edits.resolve("c.md"));
        awaitSettled(edited, 2);
        awaitDocumentHash(edited, "b.md", "Erin");

        Path scratch = fresh.watch().getFirst().root();
        Files.writeString(scratch.resolve("a.md"), "Kafka feeds Postgres. Alice runs Kafka.");
        Files.writeString(scratch.resolve("b.md"), "Bob tunes Postgres. Erin replaces Carol.");
        awaitSettled(fresh, 2);

        TenantSnapshot afterEdits = TenantSnapshot.load(infra.dataSource(edited), "edited");
        TenantSnapshot fromScratch = TenantSnapshot.load(infra.dataSource(fresh), "fresh");
        assertThat(afterEdits.differences(fromScratch, 20)).isEmpty();
        assertThat(afterEdits.rows("entities")).isEqualTo(6); // Kafka Postgres Alice Bob Erin Carol
        assertThat(entityNames(edited)).doesNotContain("Dave", "Redis").contains("Erin", "Carol", "Bob");
        assertThat(count("SELECT count(*) FROM fragments f WHERE NOT EXISTS (SELECT 1 FROM chunks c"
                        + " WHERE c.workspace = f.workspace AND c.path = f.path AND c.chunk_id = f.chunk_id)"))
                .isZero();
        assertThat(count("SELECT count(*) FROM entities WHERE workspace = 'edited' AND 'c.md' = ANY (source_files)"))
                .isZero();

        // Replaying: processing the same files again changes nothing.
        long versionA = version(edited, "a.md");
        long versionB = version(edited, "b.md");
        try (FileResubmitter resubmitter = new FileResubmitter(infra)) {
            resubmitter.resubmit(edited, "a.md");
            resubmitter.resubmit(edited, "b.md");
        }
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> version(edited, "a.md") > versionA && version(edited, "b.md") > versionB);
        awaitSettled(edited, 2);
        assertThat(TenantSnapshot.load(infra.dataSource(edited), "edited").differences(afterEdits, 20))
                .isEmpty();
    }

    @Test
    void twoIndexersApplyingOverlappingDocumentsLoseNoFactAndDuplicateNoEntity() throws Exception {
        Path folder = busy.watch().getFirst().root();
        int documents = 24;
        for (int i = 0; i < documents; i++) {
            Files.writeString(
                    folder.resolve("doc" + i + ".md"),
                    "Kafka meets Postgres in note " + i + ". Worker" + (char) ('a' + i % 26) + " reads Kafka.");
        }
        awaitSettled(busy, documents);
        // Every document says "Kafka meets Postgres" and "... reads Kafka": one entity each, fed by every file.
        assertThat(count("SELECT fragment_count FROM entities WHERE workspace = 'busy' AND key = 'kafka'"))
                .isEqualTo(documents);
        assertThat(count("SELECT cardinality(source_files) FROM entities WHERE workspace = 'busy' AND key = 'kafka'"))
                .isEqualTo(documents);
        assertThat(count("SELECT count(*) FROM fragments WHERE workspace = 'busy' AND kind = 'entity'"))
                .isEqualTo(documents * 3);
        assertThat(count("SELECT count(*) FROM entities WHERE workspace = 'busy'"))
                .isEqualTo(2 + 24);
        assertThat(count("SELECT count(*) - count(DISTINCT key) FROM entities WHERE workspace = 'busy'"))
                .isZero();
    }

    private static TenantConfig tenant(RunningPipeline pipeline, String id) {
        FakeOpenAiServer provider = pipeline.provider();
        return TestInfrastructure.tenant(
                id, pipeline.postgres().settings(), pipeline.root().resolve(id), FakeLlmModels.of(provider));
    }

    /** Each sentence's capitalised words are entities described by the sentence, related pairwise. */
    static String extraction(List<ChatMessage> messages) {
        String last = messages.getLast().content();
        int start = last.indexOf("---Text start---");
        int end = last.indexOf("---Text end---");
        if (start < 0 || end < start) {
            return "<|COMPLETE|>";
        }
        StringBuilder out = new StringBuilder();
        Matcher sentences = SENTENCE.matcher(last.substring(start + 16, end));
        while (sentences.find()) {
            String sentence = sentences.group().strip();
            Set<String> names = new LinkedHashSet<>();
            Matcher words = CAPITALISED.matcher(sentence);
            while (words.find()) {
                names.add(words.group());
            }
            names.forEach(name -> out.append("(\"entity\"<|>")
                    .append(name)
                    .append("<|>concept<|>")
                    .append(sentence)
                    .append(")##\n"));
            List<String> list = List.copyOf(names);
            IntStream.range(1, list.size()).forEach(i -> out.append("(\"relationship\"<|>")
                    .append(list.get(0))
                    .append("<|>")
                    .append(list.get(i))
                    .append("<|>")
                    .append(sentence)
                    .append("<|>together<|>1)##\n"));
        }
        return out.append("<|COMPLETE|>").toString();
    }

    private static void awaitSettled(TenantConfig tenant, int documents) {
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    TenantSnapshot snapshot = TenantSnapshot.load(infra.dataSource(tenant), tenant.workspace());
                    long processed = snapshot.tables().get("documents").stream()
                            .filter(line -> line.contains("| processed |"))
                            .count();
                    return processed == documents
                            && snapshot.rows("documents") == documents
                            && snapshot.dirtyKeys() == 0;
                });
    }

    private static void awaitDocumentHash(TenantConfig tenant, String path, String mentioning) {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> count("SELECT count(*) FROM fragments WHERE workspace = '" + tenant.workspace()
                                + "' AND path = '" + path + "' AND description LIKE '%" + mentioning + "%'")
                        > 0);
    }

    private static Set<String> entityNames(TenantConfig tenant) throws Exception {
        try (Connection connection = pipeline.postgres().connect();
                ResultSet rows = connection
                        .createStatement()
                        .executeQuery("SELECT name FROM entities WHERE workspace = '" + tenant.workspace() + "'")) {
            Set<String> names = new LinkedHashSet<>();
            while (rows.next()) {
                names.add(rows.getString(1));
            }
            return names;
        }
    }

    /** The version of the document the tenant's tables hold now. */
    private static long version(TenantConfig tenant, String path) throws Exception {
        return count("SELECT version FROM documents WHERE workspace = '" + tenant.workspace() + "' AND path = '" + path
                + "'");
    }

    private static long count(String sql) throws Exception {
        try (Connection connection = pipeline.postgres().connect();
                ResultSet rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
