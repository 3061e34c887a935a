package dev.hybridrag.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.llm.ChatMessage;
import dev.hybridrag.core.storage.DocumentRepository;
import dev.hybridrag.core.storage.DocumentStatus;
import dev.hybridrag.core.storage.DocumentSummary;
import dev.hybridrag.core.storage.TenantSnapshot;
import dev.hybridrag.core.tenant.ModelSettings;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.core.testing.FakeOpenAiServer;
import dev.hybridrag.core.testing.FakeOpenAiServer.Endpoint;
import dev.hybridrag.core.testing.Fault;
import dev.hybridrag.core.testing.TestInfrastructure;
import dev.hybridrag.core.testing.TestPostgres;
import dev.hybridrag.watcher.FileResubmitter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What extraction costs through an LLM provider (a fake on loopback that counts calls): content already seen in
 * the tenant costs nothing, an appended turn costs only its chunks, and a document that failed halfway is retried
 * without paying again for the chunks that succeeded.
 */
class ExtractionCostIT {

    @RegisterExtension
    final RunningPipeline pipeline = RunningPipeline.with(
                    ServiceKind.indexer, ServiceKind.extractor, ServiceKind.watcher)
            .settings(Map.of("HYBRIDRAG_DEBOUNCE_MS", "200"))
            .provider(provider -> provider.embeddingDimension(32).respondToChat(ExtractionCostIT::extraction))
            .tenants(p -> List.of(
                    TestInfrastructure.tenant("default", p.postgres().settings(), p.root(), models(p.provider()))));

    private Path inbox;
    private TestPostgres postgres;
    private FakeOpenAiServer provider;
    private Infrastructure infra;
    private TenantConfig tenant;

    @BeforeEach
    void pipeline() {
        inbox = pipeline.root();
        postgres = pipeline.postgres();
        provider = pipeline.provider();
        infra = pipeline.infra();
        tenant = pipeline.tenant("default");
    }

    /** Two calls at once; 32-dimension embeddings; 120-token chunks, so a document makes several extractions. */
    private static ModelSettings models(FakeOpenAiServer provider) {
        return new ModelSettings(
                FakeLlmModels.chat(provider),
                FakeLlmModels.embedding(provider, 32),
                FakeLlmModels.QUICK.toBuilder().maxConcurrentCalls(2).build(),
                1,
                List.of("person", "technology", "concept"),
                120,
                20);
    }

    @Test
    void contentAlreadySeenCostsNothingAndAnAppendedTurnOnlyItsChunks() throws Exception {
        save(inbox.resolve("chat.md"), chat(8));
        save(inbox.resolve("empty.md"), "");
        awaitDocuments(2, "processed");
        int chunks = chunkCount("chat.md");
        assertThat(chunks).isGreaterThan(4);
        assertThat(provider.calls(Endpoint.CHAT)).isEqualTo(2 * chunks); // first pass + one gleaning pass
        assertThat(chunkCount("empty.md")).isZero();

        awaitGraphSettled(); // entity and relation vectors come from the same provider
        int chat = provider.calls(Endpoint.CHAT);
        int embeddings = provider.calls(Endpoint.EMBEDDINGS);
        save(inbox.resolve("copy-of-chat.md"), chat(8));
        awaitDocuments(3, "processed");
        awaitGraphSettled();
        assertThat(provider.calls(Endpoint.CHAT)).isEqualTo(chat);
        assertThat(provider.calls(Endpoint.EMBEDDINGS)).isEqualTo(embeddings);

        String before = hash("chat.md");
        save(inbox.resolve("chat.md"), chat(8) + "\n\n---\n\n_**User**_\n\nAnd what about Redis?\n");
        // The new hash is stored when extraction starts: wait for the new version to be processed, not just seen.
        await().atMost(Duration.ofSeconds(60))
                .until(() -> !hash("chat.md").equals(before)
                        && documents().stream()
                                .anyMatch(doc -> doc.path().equals("chat.md")
                                        && doc.status().equals("processed")));
        assertThat(provider.calls(Endpoint.CHAT) - chat).isBetween(2, 4); // the new last chunk, maybe its neighbour
        assertThat(fragmentCount()).isGreaterThan(0);
    }

    @Test
    void aDocumentThatFailedHalfwayIsRetriedWithoutPayingTwice() throws Exception {
        // The first six chat requests fail: with two chunks extracted at a time and three attempts each, the first
        // two chunks fail after their retries and the others succeed.
        provider.faults(Endpoint.CHAT).times(6, Fault.serverError());
        save(inbox.resolve("chat.md"), chat(8));
        awaitDocuments(1, "failed");
        DocumentSummary failed = documents().getFirst();
        assertThat(failed.error()).contains("extraction failed for").contains("HTTP 500");

        int before = provider.calls(Endpoint.CHAT);
        int chunks = chunkCount("chat.md");
        int cached = cacheEntries();
        try (FileResubmitter resubmitter = new FileResubmitter(infra)) {
            assertThat(resubmitter.resubmit(tenant, "chat.md")).isEqualTo(FileResubmitter.Outcome.RESUBMITTED);
        }
        awaitDocuments(1, "processed");
        assertThat(provider.calls(Endpoint.CHAT) - before).isEqualTo(2 * (chunks - cached));
    }

    @Test
    void aCacheThatCannotBeWrittenDoesNotFailTheDocument() throws Exception {
        // The database refuses every cache write (as during a PostgreSQL restart, but for as long as the test needs).
        try (Connection connection = postgres.connect();
                Statement sql = connection.createStatement()) {
            sql.execute("""
                    CREATE FUNCTION refuse_cache_writes() RETURNS trigger LANGUAGE plpgsql AS
                    $$ BEGIN RAISE EXCEPTION 'the cache is unavailable'; END $$""");
            sql.execute("""
                    CREATE TRIGGER refuse_cache_writes BEFORE INSERT OR UPDATE ON llm_cache
                    FOR EACH ROW EXECUTE FUNCTION refuse_cache_writes()""");
        }
        save(inbox.resolve("chat.md"), chat(4));
        awaitDocuments(1, "processed");
        assertThat(documents().getFirst().error()).isEmpty();
        assertThat(cacheEntries()).isZero();
        assertThat(fragmentCount()).isPositive();
    }

    @Test
    void aFileDeletedWhileItIsExtractedStopsCostingCalls() throws Exception {
        provider.faults(Endpoint.CHAT).sometimes(1.0, Fault.slow(Duration.ofMillis(300)));
        String content = chat(60);
        int chunks = infra.models().chunker(tenant).split(content).size();
        assertThat(chunks).isGreaterThan(20);
        save(inbox.resolve("long.md"), content);
        await().atMost(Duration.ofSeconds(60)).until(() -> provider.calls(Endpoint.CHAT) >= 4);
        Files.delete(inbox.resolve("long.md"));

        // The deletion waits behind the extraction on the file's partition: once it is applied, that work is over.
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(200))
                .until(() ->
                        count("SELECT count(*) FROM documents WHERE path = 'long.md' AND status = 'deleted'") == 1);
        assertThat(provider.calls(Endpoint.CHAT))
                .as("calls for a file of %d chunks deleted after its first calls (all of them: %d)", chunks, 2 * chunks)
                .isLessThan(chunks);
        assertThat(count("SELECT count(*) FROM chunks")).isZero();
    }

    /** Saves as editors do (write a temporary file, rename it), so the watcher never sees a half-written file. */
    private static void save(Path file, String content) throws Exception {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, content);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String chat(int turns) {
        return "# SpecStory chat\n\n"
                + IntStream.range(0, turns)
                        .mapToObj(i -> "_**User**_\n\nHow does Kafka partition " + i + " talk to PostgreSQL?\n\n---\n\n"
                                + "_**Assistant**_\n\nThe Indexer writes partition " + i + " rows with Hikari. "
                                + "It batches inserts and commits offsets after the transaction. ".repeat(3))
                        .collect(Collectors.joining("\n\n---\n\n"));
    }

    private static String extraction(List<ChatMessage> messages) {
        String last = messages.getLast().content();
        if (!last.contains("---Text start---")) {
            return "<|COMPLETE|>";
        }
        return """
                ("entity"<|>Kafka<|>technology<|>A log the chat talks about)##
                ("entity"<|>PostgreSQL<|>technology<|>The database rows go to)##
                ("relationship"<|>Kafka<|>PostgreSQL<|>rows flow from one to the other<|>indexing<|>7)##
                <|COMPLETE|>""";
    }

    private void awaitDocuments(int count, String status) {
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> documents().stream()
                                .filter(doc -> doc.status().equals(status))
                                .count()
                        == count);
    }

    private void awaitGraphSettled() {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> TenantSnapshot.counts(infra.dataSource(tenant), tenant.workspace())
                                        .dirtyKeys()
                                == 0
                        && count("SELECT count(*) FROM fragments") > 0);
        await().pollDelay(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(60))
                .until(() -> TenantSnapshot.counts(infra.dataSource(tenant), tenant.workspace())
                                .dirtyKeys()
                        == 0);
    }

    private List<DocumentSummary> documents() throws Exception {
        return new DocumentRepository()
                .list(infra.dataSource(tenant), tenant.workspace(), Optional.<DocumentStatus>empty(), 100, 0);
    }

    private int chunkCount(String path) throws Exception {
        return documents().stream()
                .filter(doc -> doc.path().equals(path))
                .mapToInt(DocumentSummary::chunkCount)
                .findFirst()
                .orElse(-1);
    }

    private String hash(String path) throws Exception {
        return documents().stream()
                .filter(doc -> doc.path().equals(path))
                .map(DocumentSummary::contentHash)
                .findFirst()
                .orElse("");
    }

    private int fragmentCount() throws Exception {
        return count("SELECT count(*) FROM fragments");
    }

    private int cacheEntries() throws Exception {
        return count("SELECT count(*) FROM llm_cache");
    }

    private int count(String sql) throws Exception {
        try (Connection connection = postgres.connect();
                ResultSet rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
