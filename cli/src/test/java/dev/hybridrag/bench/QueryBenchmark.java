package dev.hybridrag.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.pgvector.PGvector;
import dev.hybridrag.cli.RunningServices;
import dev.hybridrag.cli.ServiceKind;
import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.embed.Embedder;
import dev.hybridrag.core.extract.ChunkExtractor;
import dev.hybridrag.core.storage.Databases;
import dev.hybridrag.core.storage.VectorScan;
import dev.hybridrag.core.tenant.PostgresSettings;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.core.testing.TestInfrastructure;
import dev.hybridrag.query.retrieval.QueryKeywords;
import dev.hybridrag.query.retrieval.RetrievalOptions;
import dev.hybridrag.query.retrieval.RetrievalSettings;
import dev.hybridrag.query.retrieval.Retriever;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5's performance target: retrieval-only latency (no LLM) of every query mode over HTTP, on a synthetic
 * tenant of 100,000 chunks, 50,000 entities and 100,000 relations with 384-dimension vectors. The query-service runs
 * in this JVM on loopback, with the offline embedding model embedding each question as it would in production.
 * Writes docs/benchmarks/query.md; run with {@code ./hybridrag bench query}. The tenant's database is kept and
 * reused by later runs ({@code -Dbench.regenerate=true} makes it again). Nothing here asserts on time.
 *
 * <p>Settings, as {@code -D} after the command: {@code bench.topics} (400; 250 chunks, 125 entities and 250
 * relations each), {@code bench.database}, {@code bench.requests} per mode and concurrency (1000),
 * {@code bench.warmup} per mode (300), {@code bench.maxload} (1.0), {@code bench.shared} (true: also the small tenant
 * among a million rows), {@code bench.phase}: {@code prepare} makes the tenants and brings their schema up to date
 * (index builds: run it under /work/bin/heavy), {@code measure} measures tenants an earlier run made and fails
 * rather than make them (run it under /work/bin/calm), {@code all} (the default) does both.
 */
class QueryBenchmark {

    static final List<String> MODES = List.of("naive", "local", "global", "hybrid", "mix");
    static final List<Integer> CLIENTS = List.of(1, 4, 16);
    private static final String DATABASE = System.getProperty("bench.database", "hybridrag_bench_query");
    private static final int TOPICS = Integer.getInteger("bench.topics", 400);
    private static final int REQUESTS = Integer.getInteger("bench.requests", 1000);
    private static final int WARM_UP = Integer.getInteger("bench.warmup", 300);
    private static final String PHASE = System.getProperty("bench.phase", "all");
    private static final boolean SHARED = Boolean.parseBoolean(System.getProperty("bench.shared", "true"));
    /** The generated questions, one a line, as the last run asked them. */
    static final Path QUESTIONS = Path.of("target", "query-benchmark-questions.txt");

    @TempDir
    Path work;

    /** The server's administration database, where the benchmark's own databases are made. */
    static String adminUrl() {
        return System.getProperty("it.postgres.url", "jdbc:postgresql://127.0.0.1:5433/hybridrag");
    }

    /** The 100k tenant's database on the server of {@code adminUrl}. */
    static PostgresSettings tenantDatabase(String adminUrl) {
        URI server = URI.create(adminUrl.substring("jdbc:".length()));
        return new PostgresSettings(
                server.getHost(),
                server.getPort() < 0 ? 5432 : server.getPort(),
                DATABASE,
                System.getProperty("it.postgres.user", "hybridrag"),
                System.getProperty("it.postgres.password", "hybridrag"));
    }

    @Test
    void retrievalLatencyPerModeAndConcurrency() throws Exception {
        String adminUrl = adminUrl();
        PostgresSettings settings = tenantDatabase(adminUrl);
        TenantConfig tenant = TestInfrastructure.tenant("bench", settings, work);
        // Read once, when this JVM's first HTTP server starts: the query-service below is the first.
        QueryReport report = new QueryReport();
        report.sizes(WARM_UP, REQUESTS);
        // The query path never touches Kafka; nothing listens on this address.
        try (Infrastructure infra =
                TestInfrastructure.create("127.0.0.1:9", Map.of("HYBRIDRAG_QUERY_PORT", "0"), tenant)) {
            Embedder embedder = infra.models().embedder(tenant);
            ChunkExtractor names = infra.models().heuristicExtractor();
            SyntheticTenant synthetic = new SyntheticTenant(settings, adminUrl, tenant.workspace(), TOPICS);
            if (PHASE.equals("prepare")) {
                prepare(synthetic, embedder, () -> infra.dataSource(tenant), settings, adminUrl);
                return;
            }
            if (PHASE.equals("measure")) {
                assertThat(synthetic.made())
                        .as("the tenant is made by `bench query -Dbench.phase=prepare` first")
                        .isTrue();
            }
            report.made(synthetic.descriptor(), synthetic.ensure(embedder, Boolean.getBoolean("bench.regenerate")));
            report.database(settings, tenant.workspace());
            List<String> questions = questions(settings, tenant.workspace());
            report.sampleQuestions(questions.subList(0, 6));

            try (RunningServices queryService = RunningServices.start(infra, ServiceKind.query)) {
                QueryLoad load = new QueryLoad(
                        URI.create("http://127.0.0.1:" + queryService.queryPort() + "/v1/tenants/bench/query"),
                        questions);
                for (String mode : MODES) {
                    System.out.println("warm-up: " + QueryLoad.summary(load.run(mode, 4, WARM_UP)));
                }
                report.steps(new RetrievalSteps(infra.dataSource(tenant), tenant.workspace(), embedder, names)
                        .medians(questions.subList(0, 200)));
                ExplainedStatements explained =
                        new ExplainedStatements(settings.jdbcUrl(), settings.user(), settings.password());
                new Retriever()
                        .retrieve(
                                explained,
                                tenant.workspace(),
                                embedder,
                                QueryKeywords.offline(names),
                                questions.get(0),
                                mix(),
                                Optional.empty());
                report.plans(questions.get(0), explained.plans());
                report.recall(new SearchRecall(infra.dataSource(tenant), tenant.workspace(), embedder)
                        .of(questions.subList(0, 50)));
                List<float[]> vectors = new ArrayList<>();
                questions.subList(0, 100).forEach(q -> vectors.add(embedder.embedQuery(q)));
                report.scans(new ScanRecall()
                        .compare(
                                "100k",
                                infra.dataSource(tenant),
                                tenant.workspace(),
                                vectors,
                                List.of(
                                        VectorScan.allRows(),
                                        VectorScan.index(100),
                                        VectorScan.index(200),
                                        VectorScan.index(350),
                                        VectorScan.index(400),
                                        VectorScan.index(600),
                                        VectorScan.index(1000)),
                                20));
                report.exactCosts(new ExactCost()
                        .measure(
                                infra.dataSource(tenant),
                                tenant.workspace(),
                                vectors,
                                List.of(2_500, 5_000, 10_000, 20_000, 50_000)));

                report.loadBefore(Machine.awaitQuiet(Double.parseDouble(System.getProperty("bench.maxload", "1.0"))));
                for (int clients : CLIENTS) {
                    for (String mode : MODES) {
                        QueryLoad.Result result = load.run(mode, clients, REQUESTS);
                        System.out.println(QueryLoad.summary(result));
                        report.result(result);
                    }
                }
                report.loadAfter(Machine.loadAverage());
            }
            if (SHARED) {
                // Written first without it: making a million rows and their index takes long on a shared machine.
                Reports.writeDocument("query.md", report.markdown());
                report.scans(sharedTable(settings, adminUrl));
            }
        } finally {
            if (!PHASE.equals("prepare")) {
                Reports.writeDocument("query.md", report.markdown());
            }
        }
        System.out.println(report.markdown());
        assertThat(report.failures()).isZero();
        assertThat(report.vectorSearchesWithoutHnsw()).isEmpty();
        assertThat(report.modesWithoutChunks()).isEmpty();
    }

    /**
     * Makes what the measurements read and brings its schema to the current migrations (which may rebuild indexes),
     * so that the measuring run only reads.
     */
    private static void prepare(
            SyntheticTenant synthetic, Embedder embedder, Runnable migrate, PostgresSettings settings, String adminUrl)
            throws Exception {
        synthetic.ensure(embedder, Boolean.getBoolean("bench.regenerate"));
        long started = System.nanoTime();
        migrate.run();
        System.out.printf("query benchmark: 100k tenant migrated in %.1f s%n", (System.nanoTime() - started) / 1e9);
        keepQuestionVectors(
                settings, embedder, questions(settings, synthetic.workspace()).subList(0, 100));
        if (SHARED) {
            SharedTableTenant shared = new SharedTableTenant(sharedSettings(settings), adminUrl);
            System.out.printf("query benchmark: shared table made in %.0f s%n", shared.ensure());
        }
    }

    /** The first questions' vectors, in table {@code bench_questions}: for trying index settings by hand in SQL. */
    private static void keepQuestionVectors(PostgresSettings settings, Embedder embedder, List<String> questions)
            throws Exception {
        try (Connection connection =
                        DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
                Statement sql = connection.createStatement()) {
            sql.execute("DROP TABLE IF EXISTS bench_questions");
            sql.execute("CREATE TABLE bench_questions (i int PRIMARY KEY, question text NOT NULL, embedding vector)");
            try (PreparedStatement insert =
                    connection.prepareStatement("INSERT INTO bench_questions VALUES (?, ?, ?)")) {
                for (int i = 0; i < questions.size(); i++) {
                    insert.setInt(1, i);
                    insert.setString(2, questions.get(i));
                    insert.setObject(3, new PGvector(embedder.embedQuery(questions.get(i))));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
    }

    private static PostgresSettings sharedSettings(PostgresSettings bench) {
        return new PostgresSettings(bench.host(), bench.port(), DATABASE + "_shared", bench.user(), bench.password());
    }

    /** The small tenant among a million rows of others: the service's choice of scan, and HNSW for comparison. */
    private static List<ScanRecall.Row> sharedTable(PostgresSettings bench, String adminUrl) throws Exception {
        PostgresSettings settings = sharedSettings(bench);
        SharedTableTenant shared = new SharedTableTenant(settings, adminUrl);
        if (PHASE.equals("measure")) {
            assertThat(shared.made())
                    .as("the shared table is made by `bench query -Dbench.phase=prepare` first")
                    .isTrue();
        }
        System.out.printf("query benchmark: shared table made in %.0f s%n", shared.ensure());
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            vectors.add(shared.question(i));
        }
        try (Databases databases = new Databases(2)) {
            DataSource dataSource = databases.dataSource(settings);
            VectorScan chosen = RetrievalSettings.DEFAULTS.scanFor("chunks", SharedTableTenant.SMALL_CHUNKS);
            return new ScanRecall()
                    .compare(
                            "5k among 1M",
                            dataSource,
                            SharedTableTenant.WORKSPACE,
                            vectors,
                            List.of(
                                    chosen,
                                    VectorScan.index(RetrievalSettings.DEFAULTS.efSearch("chunks")),
                                    VectorScan.index(1000)),
                            20);
        }
    }

    private static RetrievalOptions mix() {
        return new RetrievalOptions("mix", 40, 20, 6000, 8000, 30000, List.of(), List.of());
    }

    /**
     * Questions in the words of the topics the tenant's entities come from; two in three name an entity (what the
     * offline keyword finder picks up), one in three only describes the topic.
     */
    private static List<String> questions(PostgresSettings settings, String workspace) throws Exception {
        String sql = """
                SELECT e.name, c.keywords FROM entities e
                JOIN chunks c ON c.workspace = e.workspace AND c.chunk_id = e.source_chunks[1]
                WHERE e.workspace = ? ORDER BY md5(e.key) LIMIT 4000
                """;
        List<String> questions = new ArrayList<>();
        try (Connection connection =
                        DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, workspace);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    int i = questions.size();
                    SyntheticText text = new SyntheticText(
                            new SplittableRandom(i),
                            Arrays.asList(rows.getString(2).split(", ")));
                    questions.add(text.question(i % 3 == 2 ? null : rows.getString(1)));
                }
            }
        }
        Files.writeString(QUESTIONS, String.join("\n", questions));
        return questions;
    }
}
