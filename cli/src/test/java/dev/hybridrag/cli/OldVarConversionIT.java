package dev.hybridrag.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.hybridrag.bench.ProcessStats;
import dev.hybridrag.core.kafka.KafkaClients;
import dev.hybridrag.core.storage.TenantSnapshot;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Issue 19, acceptance 2: a var/ of the version before the walls (trust logins, the password {@code hybridrag}, a
 * PLAINTEXT broker) is converted by the next {@code ./hybridrag up}, with every document and answer kept. Real
 * scripts, real PostgreSQL and Kafka, the four services as processes, in a var/ and on ports of the test's own.
 * As root, the server's shared memory is on huge pages that up reserved and down gives back (scripts/postgres.sh).
 */
class OldVarConversionIT {

    private static final List<String> FILES =
            List.of("2025-05-21_improve-mcp-error-handling.md", "2025-04-26_23-34-untitled.md");
    private static final String QUESTION = "port conflict EADDRINUSE";
    private static final Path NR_HUGEPAGES = Path.of("/proc/sys/vm/nr_hugepages");

    @Test
    void upConvertsThePreviousVersionsVarKeepingEveryDocumentAndAnswer() throws Exception {
        try (ScriptStack stack = ScriptStack.in("old-version-it")) {
            long hugePagesBefore = hugePages();
            assertSucceeded(stack.run("up"));
            if (Files.isWritable(NR_HUGEPAGES)) {
                assertThat(ProcessStats.largestPageKb(postmaster(stack)))
                        .as("the server's shared memory on the 2 MB pages up reserved for it")
                        .isEqualTo(2048);
            }
            for (String file : FILES) {
                try (InputStream in = OldVarConversionIT.class.getResourceAsStream("/corpus/" + file)) {
                    Files.copy(in, stack.inbox().resolve(file));
                }
            }
            TenantSnapshot ingested = settled(stack);
            String answer = answer(stack);
            PreviousVersionVar.rewind(stack);

            ScriptStack.Result up = stack.run("up");

            assertSucceeded(up);
            assertThat(up.output()).contains("converted " + stack.var().resolve("postgres/data"));
            for (String user : List.of("postgres", "hybridrag")) {
                assertThatThrownBy(() -> login(user, null, stack))
                        .as(user + " without a password")
                        .isInstanceOf(SQLException.class);
            }
            assertThatThrownBy(() -> login("hybridrag", "hybridrag", stack))
                    .as("the old password")
                    .hasMessageContaining("password authentication failed");
            ScriptStack.Result psql = stack.run("psql", "--", "-tA", "-c", "SELECT count(*) FROM documents");
            assertSucceeded(psql);
            assertThat(psql.output().strip()).isEqualTo(Integer.toString(FILES.size()));
            ScriptStack.Result buffers = stack.run(
                    "psql", "--", "-tA", "-c", "SELECT pg_size_bytes(current_setting('shared_buffers')) / 1048576");
            assertSucceeded(buffers);
            assertThat(buffers.output().strip())
                    .as("shared_buffers in MB, the old 256MB line overridden")
                    .isEqualTo(Long.toString(quarterOfMemoryMb()));
            assertThatThrownBy(() -> topicsWithoutCredentials(stack)).as("a Kafka client without credentials");
            TenantSnapshot converted = settled(stack);
            assertThat(converted.differences(ingested, 10)).isEmpty();
            assertThat(answer(stack)).isEqualTo(answer);

            List<ProcessHandle> running = processes(stack);
            assertSucceeded(stack.run("down"));
            assertThat(running).hasSizeGreaterThanOrEqualTo(6);
            // down waits for the pid files to go; a process may take a moment more to end after removing its own
            CompletableFuture.allOf(running.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new))
                    .get(30, TimeUnit.SECONDS);
            assertThat(hugePages())
                    .as("the huge pages up reserved, given back by down")
                    .isEqualTo(hugePagesBefore);
        }
    }

    /** The huge pages the kernel keeps (for every server on the machine). */
    private static long hugePages() throws Exception {
        return Long.parseLong(Files.readString(NR_HUGEPAGES).strip());
    }

    private static long postmaster(ScriptStack stack) throws Exception {
        return Long.parseLong(Files.readAllLines(stack.var().resolve("postgres/data/postmaster.pid"))
                .getFirst());
    }

    /** Waits until both files are processed and the graph is built from them, then returns the tenant's content. */
    private static TenantSnapshot settled(ScriptStack stack) throws Exception {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(stack.jdbcUrl());
        dataSource.setUser("hybridrag");
        dataSource.setPassword(
                Files.readString(stack.var().resolve("secrets/admin-password")).strip());
        return await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        () -> TenantSnapshot.load(dataSource, "default"),
                        snapshot -> snapshot.dirtyKeys() == 0
                                && snapshot.rows("entities") > 0
                                && snapshot.tables().get("documents").stream()
                                                .filter(line -> line.contains(" | processed | "))
                                                .count()
                                        == FILES.size());
    }

    private static String answer(ScriptStack stack) throws Exception {
        ScriptStack.Result query = stack.run("query", "--tenant", "default", QUESTION);
        assertSucceeded(query);
        assertThat(query.output()).contains(FILES.get(0));
        return query.output();
    }

    private static void topicsWithoutCredentials(ScriptStack stack) throws Exception {
        Map<String, Object> settings = new HashMap<>(new KafkaClients(stack.bootstrapServers()).connection());
        settings.put("default.api.timeout.ms", 8000);
        settings.put("request.timeout.ms", 4000);
        try (Admin admin = Admin.create(settings)) {
            admin.listTopics().names().get(10, TimeUnit.SECONDS);
        }
    }

    /** PostgreSQL, Kafka and the four services, by the pid files up wrote. */
    private static List<ProcessHandle> processes(ScriptStack stack) throws Exception {
        List<ProcessHandle> handles = new ArrayList<>();
        try (var files = Files.list(stack.var().resolve("run"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".pid")).toList()) {
                ProcessHandle.of(Long.parseLong(Files.readString(file).strip())).ifPresent(handles::add);
            }
        }
        return handles;
    }

    /** What scripts/postgres.sh gives the buffer cache: a quarter of the machine's memory, 128 MB to 2 GB. */
    private static long quarterOfMemoryMb() throws Exception {
        long totalKb = Files.readAllLines(Path.of("/proc/meminfo")).stream()
                .filter(line -> line.startsWith("MemTotal:"))
                .map(line -> Long.parseLong(line.replaceAll("\\D", "")))
                .findFirst()
                .orElseThrow();
        return Math.clamp(totalKb / 4096, 128, 2048);
    }

    private static void assertSucceeded(ScriptStack.Result result) {
        assertThat(result.exitCode()).as(result.output() + result.errors()).isZero();
    }

    /** A login over TCP (127.0.0.1), as any local process may try it. */
    private static void login(String user, String password, ScriptStack stack) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        if (password != null) {
            properties.setProperty("password", password);
        }
        DriverManager.getConnection(stack.jdbcUrl(), properties).close();
    }
}
