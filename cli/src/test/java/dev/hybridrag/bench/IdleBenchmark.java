package dev.hybridrag.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridrag.core.testing.FakeOpenAiServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 17's idle fleet, written to docs/benchmarks/idle.md; run with {@code ./hybridrag bench idle}. The four
 * services of the real jar, each a process, serve 1,000 workspace-mode and 50 database-mode tenants (every one with a
 * watched folder) on a PostgreSQL and a Kafka of the benchmark's own. Measured: how long the fleet takes to report
 * started, its resident memory, then over 60 idle seconds PostgreSQL's transactions per second (pg_stat_database,
 * every database of the server), each service's CPU and the connections the fleet holds; then how long a file
 * written into the last tenant's folder takes to reach the materialised graph (fake LLM answering at once).
 *
 * <p>On a shared machine the start-up (minutes for a thousand tenants) can run as one heavy job among others and only
 * the idle minute and the writes with the machine to itself: {@code -Dbench.heavy=CMD -Dbench.calm=CMD} name the
 * commands that give those turns ({@link MachineTurn}); the calm one's words go into the report.
 */
class IdleBenchmark {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final int WORKSPACE_TENANTS = Integer.getInteger("bench.idle.workspaceTenants", 1000);
    private static final int DATABASE_TENANTS = Integer.getInteger("bench.idle.databaseTenants", 50);
    private static final Duration IDLE = Duration.ofSeconds(Integer.getInteger("bench.idle.seconds", 60));
    private static final Duration CALM_DOWN = Duration.ofSeconds(Integer.getInteger("bench.idle.calmSeconds", 120));
    private static final int WRITES = Integer.getInteger("bench.idle.writes", 20);
    private static final int WARM_UPS = 3;
    private static final List<String> SERVICES = List.of("indexer", "extractor", "query", "watcher");

    @Test
    void anIdleFleetCostsNothingAndStillSeesAFile() throws Exception {
        double loadBefore = Machine.loadAverage();
        Path var = ROOT.resolve("var/idle");
        IdleReport report = new IdleReport(WORKSPACE_TENANTS, DATABASE_TENANTS, IDLE);
        MachineTurn startUp = MachineTurn.take("bench.heavy");
        try (ChaosStack stack = ChaosStack.of(ROOT, var);
                FakeOpenAiServer provider = FakeOpenAiServer.start()) {
            provider.embeddingDimension(64).respondToChat(ExtractionBenchmark::cannedExtraction);
            stack.up();
            dropTenantDatabases(stack);
            IdleTenants tenants = new IdleTenants(
                    WORKSPACE_TENANTS, DATABASE_TENANTS, BenchFolders.fresh(var.resolve("inbox")), provider.baseUrl());
            Path jar = Files.copy(
                    Path.of("target/hybridrag.jar"), var.resolve("hybridrag.jar"), StandardCopyOption.REPLACE_EXISTING);
            Path logs = BenchFolders.fresh(var.resolve("log/workers"));
            int queryPort = Integer.getInteger("bench.idle.queryPort", 8181);
            try (WorkerProcesses workers = new WorkerProcesses(
                    jar,
                    logs,
                    ROOT.resolve("scripts/logback-cli.xml"),
                    tenants.environment(stack, var.resolve("tenants.yaml"), queryPort))) {
                long initStarted = System.nanoTime();
                WorkerProcesses.CommandResult init = workers.command(List.of("backend", "init", "--all"));
                assertThat(init.exitCode()).as(init.output()).isZero();
                report.initialised(Duration.ofNanos(System.nanoTime() - initStarted));

                long started = System.nanoTime();
                for (String service : SERVICES) {
                    workers.start(service, service);
                }
                for (String service : SERVICES) {
                    report.ready(service, awaitStarted(workers, logs.resolve(service + ".log"), service, started));
                }
                Map<String, ProcessStats> before = sample(workers);
                report.memory(before);

                Thread.sleep(CALM_DOWN.toMillis()); // the start-up sweeps and the watcher's reconciliation end
                startUp.close();
                try (MachineTurn measuring = MachineTurn.take("bench.calm");
                        Connection admin = admin(stack)) {
                    report.measuredUnder(measuring.said(), Machine.loadAverage());
                    long transactionsBefore = transactions(admin);
                    Map<String, ProcessStats> idleFrom = sample(workers);
                    long idleStarted = System.nanoTime();
                    Thread.sleep(IDLE.toMillis());
                    double seconds = (System.nanoTime() - idleStarted) / 1e9;
                    Map<String, ProcessStats> idleTo = sample(workers);
                    long transactionsAfter = transactions(admin);
                    report.idle((transactionsAfter - transactionsBefore - 1) / seconds, idleFrom, idleTo, seconds);
                    report.connections(connections(admin));
                    String last = tenants.workspaceIds().getLast();
                    report.graphFreshness(
                            new GraphFreshness(stack.postgres(), last, tenants.inbox(last)).measure(WARM_UPS, WRITES));
                    report.measuredUntil(Machine.loadAverage());
                }
                assertThat(workers.exited()).as("services that died").isEmpty();
            }
        } finally {
            startUp.close();
        }
        report.write(loadBefore, Machine.loadAverage());
    }

    private static Duration awaitStarted(WorkerProcesses workers, Path log, String service, long since)
            throws Exception {
        String line = "- " + service + " started";
        while (true) {
            if (Files.exists(log) && Files.readString(log).contains(line)) {
                return Duration.ofNanos(System.nanoTime() - since);
            }
            assertThat(workers.exited()).as("services that died (see %s)", log).isEmpty();
            Thread.sleep(100);
        }
    }

    private static Map<String, ProcessStats> sample(WorkerProcesses workers) throws Exception {
        Map<String, ProcessStats> stats = new LinkedHashMap<>();
        for (String service : SERVICES) {
            stats.put(service, ProcessStats.of(workers.pid(service)));
        }
        return stats;
    }

    private static Connection admin(ChaosStack stack) throws Exception {
        return DriverManager.getConnection(
                stack.postgres().jdbcUrl(),
                stack.postgres().user(),
                stack.postgres().password());
    }

    /** Transactions committed or rolled back in every database of the server so far (this query counts one). */
    private static long transactions(Connection admin) throws Exception {
        try (Statement statement = admin.createStatement();
                ResultSet rows =
                        statement.executeQuery("SELECT sum(xact_commit + xact_rollback) FROM pg_stat_database")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Client connections open now, by role, without this one. */
    private static Map<String, Long> connections(Connection admin) throws Exception {
        Map<String, Long> byRole = new LinkedHashMap<>();
        try (PreparedStatement statement = admin.prepareStatement(
                        "SELECT usename, count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'"
                                + " AND pid <> pg_backend_pid() GROUP BY usename ORDER BY usename");
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                byRole.put(rows.getString(1), rows.getLong(2));
            }
        }
        return byRole;
    }

    /** Tenant databases of an earlier run: backend init makes them again. */
    private static void dropTenantDatabases(ChaosStack stack) throws Exception {
        try (Connection admin = admin(stack);
                Statement statement = admin.createStatement()) {
            List<String> databases = new ArrayList<>();
            try (ResultSet rows =
                    statement.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE 'idle\\_db%'")) {
                while (rows.next()) {
                    databases.add(rows.getString(1));
                }
            }
            for (String database : databases) {
                statement.execute("DROP DATABASE " + database + " WITH (FORCE)");
            }
        }
    }
}
