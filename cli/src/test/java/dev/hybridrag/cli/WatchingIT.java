package dev.hybridrag.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.chunk.ContentHash;
import dev.hybridrag.core.storage.DocumentRepository;
import dev.hybridrag.core.storage.DocumentState;
import dev.hybridrag.core.storage.DocumentStatus;
import dev.hybridrag.core.storage.TenantStatus;
import dev.hybridrag.core.tenant.Isolation;
import dev.hybridrag.core.tenant.ModelSettings;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.core.tenant.TenantId;
import dev.hybridrag.core.tenant.WatchRoot;
import dev.hybridrag.watcher.WatcherService;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the watcher and {@code hybridrag ingest} take and refuse, against the real pipeline (broker, PostgreSQL,
 * offline extractor and indexer in this JVM): selection globs and hidden folders, refused files with their reasons,
 * editors' atomic saves and renames, a tenant with two watch roots restarted, and the one-shot ingest's summary.
 */
class WatchingIT {

    private static final Duration SETTLE = Duration.ofSeconds(90);
    private static final Duration DEBOUNCE = Duration.ofMillis(100);

    // One partition keeps every event in publishing order, so "a later file is processed" proves that no
    // earlier event (such as a wrong deletion) is still on its way.
    @RegisterExtension
    static final RunningPipeline pipeline = RunningPipeline.with(
                    ServiceKind.indexer, ServiceKind.extractor, ServiceKind.watcher)
            .settings(Map.of(
                    "HYBRIDRAG_TOPIC_PARTITIONS",
                    "1",
                    "HYBRIDRAG_MAX_FILE_BYTES",
                    "4096",
                    "HYBRIDRAG_DEBOUNCE_MS",
                    Long.toString(DEBOUNCE.toMillis())))
            .tenants(p -> List.of(new TenantConfig(
                    TenantId.of("watched"),
                    Isolation.WORKSPACE,
                    p.postgres().settings(),
                    List.of(
                            new WatchRoot(p.root().resolve("notes"), WatchRoot.DEFAULT_PATTERNS, List.of("archive/**")),
                            new WatchRoot(p.root().resolve("projects"), WatchRoot.DEFAULT_PATTERNS)),
                    ModelSettings.offline())));

    @TempDir
    static Path elsewhere;

    private static Path notes;
    private static Path projects;
    private static Infrastructure infra;
    private static TenantConfig tenant;

    @BeforeAll
    static void roots() {
        infra = pipeline.infra();
        tenant = pipeline.tenant("watched");
        notes = pipeline.root().resolve("notes");
        projects = pipeline.root().resolve("projects");
    }

    @Test
    void takesSpecStoryHistoriesAndSkipsHiddenToolAndExcludedFolders() throws Exception {
        write(projects, "minsky/.specstory/history/2025-04-26_chat.md", chat("bun install for the minsky cli"));
        write(projects, "minsky/.git/notes.md", chat("a git note nobody wants indexed"));
        write(projects, "minsky/node_modules/left-pad/README.md", chat("a dependency's readme"));
        write(notes, "archive/2024/old.md", chat("an archived plan"));
        write(notes, "plans/roadmap.md", chat("the roadmap names the task command"));
        // Written last: once it is processed, every earlier event has been handled.
        write(notes, "zz-last.md", chat("the last file of this test"));

        awaitStatus("zz-last.md", DocumentStatus.PROCESSED);
        assertThat(state("minsky/.specstory/history/2025-04-26_chat.md").status())
                .isEqualTo(DocumentStatus.PROCESSED);
        assertThat(state("plans/roadmap.md").status()).isEqualTo(DocumentStatus.PROCESSED);
        assertThat(states(List.of(
                        "minsky/.git/notes.md", "minsky/node_modules/left-pad/README.md", "archive/2024/old.md")))
                .isEmpty();
    }

    @Test
    void refusedFilesAreRecordedWithTheirReasonAndComeBackWhenFixed() throws Exception {
        write(notes, "refused/big.md", "x".repeat(5000));
        Files.write(
                Files.createDirectories(notes.resolve("refused")).resolve("latin1.md"),
                "café".getBytes(StandardCharsets.ISO_8859_1));
        Files.write(notes.resolve("refused/binary.md"), new byte[] {'#', ' ', 0, 1, 2});
        Path secret = Files.writeString(elsewhere.resolve("credentials.md"), "aws_secret_access_key = x");
        Files.createSymbolicLink(notes.resolve("refused/link.md"), secret);

        awaitStatus("refused/big.md", DocumentStatus.REFUSED);
        awaitStatus("refused/latin1.md", DocumentStatus.REFUSED);
        awaitStatus("refused/binary.md", DocumentStatus.REFUSED);
        awaitStatus("refused/link.md", DocumentStatus.REFUSED);
        assertThat(state("refused/big.md").error()).contains("over the 4096-byte limit");
        assertThat(state("refused/latin1.md").error()).contains("not UTF-8");
        assertThat(state("refused/binary.md").error()).contains("binary");
        assertThat(state("refused/link.md").error()).contains("outside the watch root");

        write(notes, "refused/big.md", chat("the big file, trimmed"));
        awaitStatus("refused/big.md", DocumentStatus.PROCESSED);
    }

    @Test
    void atomicSavesAndRenamesEndAsTheFinalPaths() throws Exception {
        Path temporary = write(notes, "editor/.plan.md.swp", chat("the saved content of the plan"));
        Path plan = notes.resolve("editor/plan.md");
        Files.move(temporary, plan, StandardCopyOption.ATOMIC_MOVE);
        awaitStatus("editor/plan.md", DocumentStatus.PROCESSED);
        assertThat(state("editor/plan.md").contentHash()).isEqualTo(ContentHash.of(Files.readAllBytes(plan)));
        assertThat(states(List.of("editor/.plan.md.swp"))).isEmpty();

        Files.move(plan, notes.resolve("editor/renamed.md"), StandardCopyOption.ATOMIC_MOVE);
        awaitStatus("editor/renamed.md", DocumentStatus.PROCESSED);
        awaitStatus("editor/plan.md", DocumentStatus.DELETED);
    }

    @Test
    void aRestartedWatcherKeepsWhatItsOtherRootHolds() throws Exception {
        write(notes, "roots/in-notes.md", chat("a note in the first root"));
        write(projects, "roots/in-projects.md", chat("a project file in the second root"));
        awaitStatus("roots/in-notes.md", DocumentStatus.PROCESSED);
        awaitStatus("roots/in-projects.md", DocumentStatus.PROCESSED);

        pipeline.services().close(WatcherService.class);
        pipeline.services().add(infra, List.of(ServiceKind.watcher));
        write(notes, "roots/after-restart.md", chat("written after the restart"));
        write(projects, "roots/after-restart-2.md", chat("written after the restart, second root"));

        awaitStatus("roots/after-restart.md", DocumentStatus.PROCESSED);
        awaitStatus("roots/after-restart-2.md", DocumentStatus.PROCESSED);
        assertThat(state("roots/in-notes.md").status()).isEqualTo(DocumentStatus.PROCESSED);
        assertThat(state("roots/in-projects.md").status()).isEqualTo(DocumentStatus.PROCESSED);
    }

    @Test
    void ingestScansAFolderOnceFollowsItAndSummarises() throws Exception {
        Path folder = Files.createDirectories(elsewhere.resolve("seed"));
        write(folder, "a.md", chat("the first seeded conversation"));
        write(folder, "deeper/b.md", chat("the second seeded conversation"));
        write(folder, ".specstory/history/c.md", chat("a SpecStory history"));
        write(folder, ".cache/d.md", chat("a hidden cache nobody wants"));
        Files.write(folder.resolve("e.md"), new byte[] {'e', 0});

        StringWriter first = new StringWriter();
        int exit = IngestCommand.ingest(
                infra, new PrintWriter(first), false, "watched", folder, true, Optional.empty(), Duration.ofMinutes(2));

        assertThat(exit).as(first.toString()).isEqualTo(1);
        assertThat(first.toString())
                .contains("3 file(s) submitted, 0 unchanged, 1 refused")
                .contains("processed  3")
                .contains("refused    1")
                .contains(folder.toRealPath().resolve("e.md") + ": file looks binary");
        String a = folder.toRealPath().resolve("a.md").toString();
        assertThat(state(a).status()).isEqualTo(DocumentStatus.PROCESSED);
        // A query right after ingest (as the user stories run it) finds the documents' entities and relations.
        assertThat(TenantStatus.load(infra.dataSource(tenant), tenant.workspace())
                        .settlingKeys())
                .isZero();
        assertThat(states(List.of(folder.toRealPath().resolve(".cache/d.md").toString())))
                .isEmpty();

        Files.delete(folder.resolve("e.md"));
        write(folder, "a.md", chat("the first seeded conversation, one more turn"));
        StringWriter second = new StringWriter();
        exit = IngestCommand.ingest(
                infra,
                new PrintWriter(second),
                false,
                "watched",
                folder,
                true,
                Optional.empty(),
                Duration.ofMinutes(2));

        assertThat(exit).as(second.toString()).isZero();
        assertThat(second.toString())
                .contains("1 file(s) submitted, 2 unchanged, 0 refused")
                .contains("processed  1");
        assertThat(state(a).contentHash()).isEqualTo(ContentHash.of(Files.readAllBytes(folder.resolve("a.md"))));
    }

    @Test
    void ingestInsideAWatchRootNamesFilesAsTheWatcherDoesAndHonoursThePattern() throws Exception {
        Path inbox = Files.createDirectories(projects.resolve("ingested"));
        write(projects, "ingested/keep.txt", "plain text notes about the ingest command");
        write(projects, "ingested/skip.md", chat("markdown the pattern leaves out"));

        StringWriter out = new StringWriter();
        int exit = IngestCommand.ingest(
                infra,
                new PrintWriter(out),
                false,
                "watched",
                inbox,
                false,
                Optional.of("*.txt"),
                Duration.ofMinutes(2));

        assertThat(exit).as(out.toString()).isZero();
        assertThat(out.toString()).contains("processed  1");
        assertThat(state("ingested/keep.txt").status()).isEqualTo(DocumentStatus.PROCESSED);
    }

    @Test
    void aChangeIsTakenWhenTheStoredVersionIsAheadOfThisMachinesClock() throws Exception {
        write(notes, "skew/clock.md", chat("the first plan"));
        awaitStatus("skew/clock.md", DocumentStatus.PROCESSED);
        // As if the last version came from a machine whose clock runs an hour ahead of this one.
        try (Connection connection = pipeline.postgres().connect();
                PreparedStatement sql = connection.prepareStatement(
                        "UPDATE documents SET version = version + 3600000 WHERE workspace = ? AND path = ?")) {
            sql.setString(1, tenant.workspace());
            sql.setString(2, "skew/clock.md");
            assertThat(sql.executeUpdate()).isOne();
        }
        long ahead = state("skew/clock.md").version();

        String changed = chat("the second plan");
        write(notes, "skew/clock.md", changed);
        await().atMost(SETTLE).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            DocumentState state = state("skew/clock.md");
            assertThat(state.contentHash()).isEqualTo(ContentHash.of(changed));
            assertThat(state.status()).isEqualTo(DocumentStatus.PROCESSED);
            assertThat(state.version()).isGreaterThan(ahead);
        });
    }

    private static Path write(Path root, String relative, String content) throws Exception {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    private static String chat(String topic) {
        return "# " + topic + "\n\n_**User**_\n\nTell me about " + topic + ".\n\n---\n\n_**Assistant**_\n\n"
                + "Here is what matters about " + topic + ": keep it short and clear.\n";
    }

    private static void awaitStatus(String path, DocumentStatus status) {
        await().atMost(SETTLE).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            DocumentState state = states(List.of(path)).get(path);
            assertThat(state).as(path).isNotNull();
            assertThat(state.status()).as(path + " " + state.error()).isEqualTo(status);
        });
    }

    private static DocumentState state(String path) throws Exception {
        DocumentState state = states(List.of(path)).get(path);
        assertThat(state).as(path).isNotNull();
        return state;
    }

    private static Map<String, DocumentState> states(List<String> paths) throws Exception {
        return new DocumentRepository().states(infra.dataSource(tenant), tenant.workspace(), paths);
    }
}
