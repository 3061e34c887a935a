package dev.hybridrag.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.storage.Databases;
import dev.hybridrag.core.storage.DocumentRepository;
import dev.hybridrag.core.storage.GraphRepository;
import dev.hybridrag.core.storage.PoolSettings;
import dev.hybridrag.core.storage.TenantDatabase;
import dev.hybridrag.core.tenant.Isolation;
import dev.hybridrag.core.tenant.ModelSettings;
import dev.hybridrag.core.tenant.PostgresSettings;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.core.tenant.TenantId;
import dev.hybridrag.core.tenant.WatchRoot;
import dev.hybridrag.core.testing.FakeOpenAiServer;
import dev.hybridrag.core.testing.TestKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7's connection acceptance: 100 database-mode tenants (a database and a login role each, made by
 * {@code backend init}'s code) ingest and answer queries at once against a PostgreSQL server of this benchmark's own
 * with max_connections=100, and not one connection is refused. The four services run in this JVM, each with its own
 * pools and server cap as four processes would have, with an in-JVM Kafka broker and a fake OpenAI-compatible
 * provider; a sampler counts the server's client connections throughout and the peak is printed. Writes
 * docs/benchmarks/connections.md; run with {@code ./hybridrag bench connections}.
 *
 * <p>Settings, as {@code -D} after the command: {@code bench.tenants} (100), {@code bench.maxConnections} (100),
 * {@code bench.serverConnections} per service (20, the default of HYBRIDRAG_PG_SERVER_CONNECTIONS),
 * {@code bench.pieceChars} (size of the corpus pieces the tenants share out, 12000), {@code bench.piecesPerTenant}
 * (2 of the about 6 each could have: the whole corpus over 100 databases takes long on a shared machine, and the
 * connections are as busy with a third of it), {@code bench.queries} per tenant at least (20).
 */
class ConnectionsBenchmark {

    private static final Path CORPUS =
            Path.of(System.getProperty("bench.corpus", "../../shared/corpus/specstory-minsky"));
    private static final int TENANTS = Integer.getInteger("bench.tenants", 100);
    private static final int MAX_CONNECTIONS = Integer.getInteger("bench.maxConnections", 100);
    private static final int SERVER_CONNECTIONS = Integer.getInteger("bench.serverConnections", 20);
    private static final int PIECE_CHARS = Integer.getInteger("bench.pieceChars", 12_000);
    private static final int QUERIES = Integer.getInteger("bench.queries", 20);
    private static final int PIECES = Integer.getInteger("bench.piecesPerTenant", 2);
    private static final List<String> REFUSALS =
            List.of("too many clients already", "remaining connection slots are reserved");

    @TempDir
    Path work;

    @Test
    void hundredTenantsIngestAndQueryWithoutARefusedConnection() throws Exception {
        assumeTrue(PostgresCluster.available(), "needs root and PostgreSQL 15 under " + PostgresCluster.BIN);
        assertThat(CORPUS).as("the corpus folder (set -Dbench.corpus)").isDirectory();
        List<List<String>> pieces = CorpusPieces.shareOut(CORPUS, TENANTS, PIECE_CHARS).stream()
                .map(share -> share.subList(0, Math.min(PIECES, share.size())))
                .toList();
        ConnectionsReport report = new ConnectionsReport(TENANTS, MAX_CONNECTIONS, SERVER_CONNECTIONS);
        try (PostgresCluster cluster = PostgresCluster.start(List.of("max_connections = " + MAX_CONNECTIONS));
                TestKafka kafka = new TestKafka();
                FakeOpenAiServer provider = FakeOpenAiServer.start()) {
            provider.embeddingDimension(64).respondToChat(ExtractionBenchmark::cannedExtraction);
            List<TenantConfig> tenants = new ArrayList<>();
            for (int i = 0; i < TENANTS; i++) {
                tenants.add(tenant("t%03d".formatted(i), work, cluster, provider));
            }
            long started = System.nanoTime();
            prepare(tenants, cluster);
            report.prepared((System.nanoTime() - started) / 1e9);

            PoolSettings limits =
                    new PoolSettings(SERVER_CONNECTIONS, 4, Duration.ofMinutes(5), Duration.ofSeconds(60));
            try (ConnectionSampler sampler = new ConnectionSampler(
                            cluster.jdbcUrl("postgres"),
                            PostgresCluster.SUPERUSER,
                            PostgresCluster.PASSWORD,
                            Duration.ofMillis(20));
                    InJvmFleet fleet = new InJvmFleet(kafka.bootstrapServers(), tenants, limits)) {
                long loadStarted = System.nanoTime();
                for (int i = 0; i < tenants.size(); i++) {
                    CorpusPieces.write(
                            pieces.get(i), tenants.get(i).watch().getFirst().root());
                }
                TenantQueries queries = new TenantQueries(fleet.queryPort(), tenants, pieces);
                try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
                    Future<?> asking = clients.submit(() -> {
                        queries.askUntilStopped(QUERIES);
                        return null;
                    });
                    awaitIngested(fleet.queryProcess(), tenants, pieces, Duration.ofMinutes(30));
                    queries.stop();
                    asking.get();
                }
                report.load((System.nanoTime() - loadStarted) / 1e9, queries, sampler, fleet.peakConnections());
                report.documents(documentCounts(fleet.queryProcess(), tenants));
            }
            report.refusals(refusals(cluster.log()));
        } finally {
            report.loadAverage(Machine.loadAverage());
            Reports.writeDocument("connections.md", report.markdown());
        }
        System.out.println(report.markdown());
        assertThat(report.refusedConnections())
                .as("connections PostgreSQL refused")
                .isZero();
        assertThat(report.failedQueries()).as("queries that did not answer 200").isZero();
        assertThat(report.failedDocuments()).as("documents not processed").isZero();
        assertThat(report.peak()).as("peak client connections").isLessThan(MAX_CONNECTIONS);
    }

    private static TenantConfig tenant(String id, Path work, PostgresCluster cluster, FakeOpenAiServer provider) {
        ModelSettings models = FakeProviderModels.models(provider);
        return new TenantConfig(
                TenantId.of(id),
                Isolation.DATABASE,
                new PostgresSettings("127.0.0.1", cluster.port(), id, id, "secret-" + id),
                List.of(new WatchRoot(work.resolve(id), List.of("**/*.md"))),
                models);
    }

    /** What {@code backend init --all} does: a role, a database closed to others, the extension, the schema. */
    private static void prepare(List<TenantConfig> tenants, PostgresCluster cluster) throws Exception {
        PostgresSettings admin = new PostgresSettings(
                "127.0.0.1", cluster.port(), "postgres", PostgresCluster.SUPERUSER, PostgresCluster.PASSWORD);
        try (Databases setup = new Databases(2);
                ExecutorService workers = Executors.newFixedThreadPool(4)) {
            List<Future<?>> done = new ArrayList<>();
            for (TenantConfig tenant : tenants) {
                done.add(workers.submit(() -> {
                    TenantDatabase.init(tenant, admin, t -> setup.dataSource(t.postgres()));
                    Files.createDirectories(tenant.watch().getFirst().root());
                    return null;
                }));
            }
            for (Future<?> each : done) {
                each.get();
            }
        }
    }

    /** Waits until every tenant's documents are processed or failed and its graph has nothing left to rebuild. */
    private static void awaitIngested(
            Infrastructure infra, List<TenantConfig> tenants, List<List<String>> pieces, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        DocumentRepository documents = new DocumentRepository();
        GraphRepository graph = new GraphRepository();
        for (int i = 0; i < tenants.size(); i++) {
            TenantConfig tenant = tenants.get(i);
            while (true) {
                Map<String, Long> counts = documents.countByStatus(infra.dataSource(tenant), tenant.workspace());
                boolean settled = counts.get("processed") + counts.get("failed")
                        >= pieces.get(i).size();
                if (settled) {
                    try (Connection connection = infra.dataSource(tenant).getConnection()) {
                        settled = graph.dirtyCount(connection, tenant.workspace()) == 0;
                    }
                }
                if (settled) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "tenant " + tenant.id() + " not ingested within " + timeout + ": " + counts);
                }
                Thread.sleep(500);
            }
        }
    }

    private static Map<String, Long> documentCounts(Infrastructure infra, List<TenantConfig> tenants) throws Exception {
        Map<String, Long> total = new java.util.TreeMap<>();
        DocumentRepository documents = new DocumentRepository();
        for (TenantConfig tenant : tenants) {
            documents
                    .countByStatus(infra.dataSource(tenant), tenant.workspace())
                    .forEach((status, count) -> total.merge(status, count, Long::sum));
        }
        return total;
    }

    /** Lines of the server's log where it refused a connection for want of slots. */
    private static List<String> refusals(Path log) throws Exception {
        return Files.readAllLines(log).stream()
                .filter(line -> REFUSALS.stream().anyMatch(line::contains))
                .toList();
    }
}
