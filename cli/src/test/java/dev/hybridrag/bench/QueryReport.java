package dev.hybridrag.bench;

import dev.hybridrag.core.tenant.PostgresSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects what {@link QueryBenchmark} measured and writes it as docs/benchmarks/query.md. */
final class QueryReport {

    private static final String INTRO = """
            Issue 5's performance target, run by `./hybridrag bench query` (`QueryBenchmark`): retrieval-only latency
            (`only_need_context: true`, so no LLM time) of each query mode, over HTTP, against a synthetic tenant of
            100,000 chunks, 50,000 entities and 100,000 relations with 384-dimension vectors.

            **The tenant.** 400 topics of four words each. A topic's centre is the offline model's
            (bge-small-en-v1.5-q) embedding of a sentence in its words; every chunk, entity and relation vector is a
            unit vector drawn near its topic's centre (Gaussian noise, cosine about 0.8 to the centre; a relation's
            lies between its two entities'), so HNSW has real clusters to search, and questions embedded by the same
            model land near the topics they are about. Chunks are SpecStory-shaped turns of about 200 words in their
            topic's words that name the entities they mention; entities are code identifiers, file names, noun
            phrases and people; relations join popular entities more often (hubs), one in ten across topics. Every
            entity and relation cites the chunks it comes from (`source_chunks`, with one fragment row per
            mention), as the materialiser writes them. The project's migrations make the schema; rows go in with
            COPY while the HNSW indexes are dropped, and the indexes are then rebuilt from the migrations' own
            definitions (build parameters included). The database (`hybridrag_bench_query`) is kept, and later runs
            reuse it when the generator has not changed. Making it and measuring it are two runs:
            `/work/bin/heavy ./hybridrag bench query -Dbench.phase=prepare` makes the tenants (or reuses them) and
            brings their schema to the current migrations, which may rebuild the indexes; `/work/bin/calm
            ./hybridrag bench query -Dbench.phase=measure` then only reads, and fails if the tenants are missing.

            **The measurement.** The query-service (`QueryServer`, the tenant's real offline embedder and keyword
            finder, a pool of 4 connections as in production) runs in the benchmark's JVM on loopback; closed-loop
            clients (`java.net.http`, HTTP/1.1 keep-alive) each send the next question when the previous answer has
            arrived. Questions are 4,000 generated ones in the topics' words (two in three name an entity); every
            request embeds its question with the offline model, as production does. Each mode is warmed up first
            (%d requests at 4 clients), then each mode at each concurrency answers %d requests; latency is from
            send to the last byte of the answer, as the client sees it. Before the measured runs the benchmark
            waits (up to ten minutes) for the machine's 1-minute load average to drop below `bench.maxload` (1.0),
            since the machine is shared.""";

    // Measured by this benchmark on 2026-11-23, two runs each, before and after issue 5's changes to retrieval.
    private static final String HISTORY = """

            ## Before and after

            Issue 5's changes to retrieval, two runs each of this benchmark at one client, same tenant, same
            machine, TCP_NODELAY on in both: before is main at 876a643, after is 450d0a9 (merged in 1ca8f08).

            | mode | before p50 ms | before p99 ms | after p50 ms | after p99 ms |
            |---|---:|---:|---:|---:|
            | naive | 12.4, 12.1 | 30.3, 28.2 | 10.0, 11.3 | 30.6, 25.7 |
            | local | 15.7, 17.3 | 38.3, 36.7 | 12.1, 12.3 | 28.8, 28.3 |
            | global | 19.2, 21.2 | 38.8, 66.2 | 16.2, 15.7 | 37.7, 33.9 |
            | hybrid | 31.7, 41.9 | 59.7, 164.8 | 21.0, 21.0 | 43.9, 40.5 |
            | mix | 40.9, 55.0 | 69.1, 124.9 | 24.0, 23.3 | 48.1, 39.3 |

            At 16 clients mix went from 27.6 and 30.2 to 61.8 and 54.6 requests/s. What changed:

            - Mix embedded the question twice (offline, the high-level keywords are the question itself, and the
              chunk search embedded it again): each query text is now embedded once (`QueryVectors`). An embedding
              takes about 5 ms, more than any of the searches.
            - The local, global and chunk searches run side by side on virtual threads instead of one after
              another. The two embeddings gain little from this (onnxruntime already spreads one over both
              cores); the searches and their round trips overlap.
            - The token budgets counted entities and relations twice, and the response's token total counted the
              whole context a third time: each record is now counted once and the fitted context carries the
              total. A chunk's count comes from `chunks.tokens`, which ingestion counted with the same tokenizer.
              In a profile of the old code, counting tokens came right after the embeddings.

            Not changed, and why: the plans already scan the HNSW indexes, so no new index or migration.
            `hnsw.ef_search` stays at its floor of 100 (set for recall on the real corpus). Storing vectors
            inline (`SET STORAGE MAIN`) saves the 40 TOAST fetches of a search's score, about 120 buffer hits, at
            the price of a heap three times larger: not worth it here. Nor is a bigger `shared_buffers` a code
            change; 1.5 GB instead of 256 MB (the three HNSW indexes are 490 MB, the tables and their TOAST
            another 590 MB) gained about 1 ms at one client, within the noise. That was at `ef_search` 100; at
            400 (issue 15) a search reads about four times the index pages, and the buffer cache came to matter:
            `scripts/postgres.sh` has given it a quarter of the machine's memory since 2026-12-06 (results above).

            TCP_NODELAY is the other half. The JDK's HTTP server leaves Nagle's algorithm on, and then every
            answer's last segment waits about 40 ms for the client's delayed ACK: a run of the code before the
            changes without it measured naive at p50 56.1 ms and mix at 73.1 ms, against 12.4 and 40.9 with it.
            QueryServer set `sun.net.httpserver.nodelay=true` from 825d900 until query-service moved to Jetty, which
            sets TCP_NODELAY on every accepted connection itself.
            """;

    private final List<QueryLoad.Result> results = new ArrayList<>();
    private final Map<String, String> database = new LinkedHashMap<>();
    private String descriptor = "";
    private SyntheticTenant.Made made;
    private List<String> questions = List.of();
    private Map<String, Double> steps = Map.of();
    private Map<String, Double> recall = Map.of();
    private final List<ScanRecall.Row> scans = new ArrayList<>();
    private final List<ExactCost.Row> exactCosts = new ArrayList<>();
    private String explainedQuestion = "";
    private List<String> plans = List.of();
    private double loadBefore = -1;
    private double loadAfter = -1;
    private int warmUp;
    private int requests;

    void made(String descriptor, SyntheticTenant.Made made) {
        this.descriptor = descriptor;
        this.made = made;
    }

    void sizes(int warmUp, int requests) {
        this.warmUp = warmUp;
        this.requests = requests;
    }

    /** Versions, settings and table sizes of the tenant's database. */
    void database(PostgresSettings settings, String workspace) throws Exception {
        try (Connection connection =
                        DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
                Statement sql = connection.createStatement()) {
            database.put("PostgreSQL", value(sql, "SHOW server_version"));
            database.put("pgvector", value(sql, "SELECT extversion FROM pg_extension WHERE extname = 'vector'"));
            database.put("shared_buffers", value(sql, "SHOW shared_buffers"));
            database.put("pages", LocalPostgres.sharedMemoryPages());
            for (String table : List.of("documents", "chunks", "fragments", "entities", "relations")) {
                database.put(
                        table + " rows",
                        "%,d"
                                .formatted(Long.parseLong(value(
                                        sql,
                                        "SELECT count(*) FROM " + table + " WHERE workspace = '" + workspace + "'"))));
            }
            try (ResultSet rows =
                    sql.executeQuery("SELECT indexname, pg_size_pretty(pg_relation_size(indexname::regclass))"
                            + " FROM pg_indexes WHERE indexdef LIKE '%USING hnsw%' AND indexname LIKE '%384%'"
                            + " ORDER BY indexname")) {
                while (rows.next()) {
                    database.put("index " + rows.getString(1), rows.getString(2));
                }
            }
            database.put("database size", value(sql, "SELECT pg_size_pretty(pg_database_size(current_database()))"));
        }
    }

    void sampleQuestions(List<String> questions) {
        this.questions = List.copyOf(questions);
    }

    void steps(Map<String, Double> steps) {
        this.steps = steps;
    }

    void recall(Map<String, Double> recall) {
        this.recall = recall;
    }

    void scans(List<ScanRecall.Row> rows) {
        scans.addAll(rows);
    }

    void exactCosts(List<ExactCost.Row> rows) {
        exactCosts.addAll(rows);
    }

    void plans(String question, List<String> plans) {
        this.explainedQuestion = question;
        this.plans = List.copyOf(plans);
    }

    void loadBefore(double load) {
        loadBefore = load;
    }

    void loadAfter(double load) {
        loadAfter = load;
    }

    void result(QueryLoad.Result result) {
        results.add(result);
    }

    int failures() {
        return results.stream().mapToInt(QueryLoad.Result::failures).sum();
    }

    /**
     * The plans of nearest-neighbour searches (ordered by a vector distance) that did not scan an HNSW index. A
     * statement that only scores rows it picked by id (the graph's few hundred candidate chunks) orders by no distance
     * and is not one.
     */
    List<String> vectorSearchesWithoutHnsw() {
        return plans.stream()
                .filter(plan -> plan.matches("(?s).*(Order By|Sort Key): [^\n]*<=>.*"))
                .filter(plan -> !plan.matches("(?s).*Index Scan using \\w+_embedding_hnsw_384.*"))
                .toList();
    }

    List<String> modesWithoutChunks() {
        return results.stream()
                .filter(result -> result.meanContext()[0] == 0)
                .map(QueryLoad.Result::mode)
                .distinct()
                .toList();
    }

    String markdown() {
        StringBuilder md = new StringBuilder("# Query latency\n\n").append(INTRO.formatted(warmUp, requests));
        md.append("\n\nMeasured ")
                .append(LocalDate.now(ZoneOffset.UTC))
                .append(" on ")
                .append(Reports.machine());
        md.append("; PostgreSQL ").append(database.getOrDefault("PostgreSQL", "?"));
        md.append(" with pgvector ").append(database.getOrDefault("pgvector", "?"));
        md.append(" (shared_buffers ").append(database.getOrDefault("shared_buffers", "?"));
        md.append(" on pages of ").append(database.getOrDefault("pages", "?"));
        md.append(") on the same machine. 1-minute load average %.2f before the measured runs and %.2f after them"
                        .formatted(loadBefore, loadAfter)
                + " (the runs raise it themselves: 16 clients keep 16 threads busy).");
        md.append("\n\n## Results\n\nMilliseconds as the client sees them; LightRAG's default sizes (top_k 40,"
                + " chunk_top_k 20, token budgets 6000/8000/30000). The last column is the mean number of chunks,"
                + " entities and relations in each answer's context.\n\n");
        md.append("| mode | clients | p50 ms | p95 ms | p99 ms | requests/s | context |\n");
        md.append("|---|---:|---:|---:|---:|---:|---|\n");
        for (QueryLoad.Result r : results) {
            md.append("| %s | %d | %.1f | %.1f | %.1f | %.1f | %.0f / %.0f / %.0f |\n"
                    .formatted(
                            r.mode(),
                            r.clients(),
                            r.percentile(50),
                            r.percentile(95),
                            r.percentile(99),
                            r.throughput(),
                            r.meanContext()[0],
                            r.meanContext()[1],
                            r.meanContext()[2]));
        }
        md.append("\nBypass mode retrieves nothing (the question goes straight to the LLM), so it is not measured.\n");
        md.append("\nThe query-service runs on Jetty, which turns TCP_NODELAY on for every connection it accepts: an"
                + " answer's last segment never waits for the client's delayed ACK (about 40 ms on Linux; see \"Before"
                + " and after\" below for when the JDK's server left Nagle's algorithm on).\n");
        results.stream()
                .filter(r -> r.mode().equals("mix") && r.clients() == 1)
                .findFirst()
                .ifPresent(mix -> md.append("\n**Target** (mix mode, one client: p50 ≤ 30 ms, p99 ≤ 100 ms): **%s**"
                                .formatted(mix.percentile(50) <= 30 && mix.percentile(99) <= 100 ? "met" : "not met"))
                        .append(" (p50 %.1f ms, p99 %.1f ms).\n".formatted(mix.percentile(50), mix.percentile(99))));
        md.append(HISTORY);
        md.append("\n## Where the time goes\n\nThe steps of a mix-mode retrieval called one by one in one thread,"
                + " without HTTP and JSON, then the whole retrieval as the query-service runs it (its three searches"
                + " side by side, then the token budgets); median of 200 questions, after the warm-up.\n\n");
        md.append("| step | median ms |\n|---|---:|\n");
        steps.forEach((step, millis) -> md.append("| %s | %.2f |\n".formatted(step, millis)));
        md.append("\n## Search quality\n\nRecall of the HNSW searches as the query-service runs them (its"
                + " hnsw.ef_search, iterative scans) against an exact search (index scans off) over the same rows:"
                + " the share of the true nearest neighbours they return, mean of 50 questions.\n\n");
        md.append("| search | recall |\n|---|---:|\n");
        recall.forEach((search, value) -> md.append("| %s | %.3f |\n".formatted(search, value)));
        md.append("\n## Exact or HNSW: recall@20 and latency of the chunk search\n\nThe chunk search of one tenant"
                + " read each way (`ScanRecall`): every row of the tenant's compared (exact), or the HNSW index with"
                + " iterative scans at several `hnsw.ef_search`; recall@20 against the exact answer and the search"
                + " statement's latency (ChunkRepository on a pooled connection, one search at a time). The 100k"
                + " tenant is the one above, alone in its table, with questions embedded by the offline model; the"
                + " small tenant (5,000 chunks) shares its table with "
                + "%,d".formatted(SharedTableTenant.OTHER_CHUNKS)
                + " rows of twenty other tenants, all drawn near"
                + " the same 500 random topic centres, under one HNSW index (`SharedTableTenant`), with questions drawn"
                + " near those centres. The query-service searches exactly up to HYBRIDRAG_EXACT_SEARCH_MAX_VECTORS"
                + " vectors of a kind per tenant and model, and through HNSW above (the chunk search at"
                + " HYBRIDRAG_HNSW_EF_SEARCH).\n\n");
        md.append("| tenant | its vectors | read as | recall@20 | p50 ms | p99 ms |\n|---|---:|---|---:|---:|---:|\n");
        scans.forEach(r -> md.append("| %s | %,d | %s | %.3f | %.1f | %.1f |\n"
                .formatted(r.tenant(), r.vectors(), r.scan(), r.recall(), r.p50Ms(), r.p99Ms())));
        md.append("\n## What an exact search costs by tenant size\n\nThe exact chunk search's statement over the"
                + " chunks of the 100k tenant's first documents only (`ExactCost`): rows of the real shape, text beside"
                + " the vector and the vector stored out of line, each compared to the question; 100 questions, one"
                + " search at a time. HYBRIDRAG_EXACT_SEARCH_MAX_VECTORS is chosen from it.\n\n");
        md.append("| tenant's chunks | p50 ms | p99 ms |\n|---:|---:|---:|\n");
        exactCosts.forEach(r -> md.append("| %,d | %.1f | %.1f |\n".formatted(r.size(), r.p50Ms(), r.p99Ms())));
        md.append("\n## The tenant\n\n`").append(descriptor).append("`, ");
        md.append(
                made == null
                        ? "not made"
                        : made.reused()
                                ? "made by an earlier run (" + made.madeAt()
                                        + ") and reused; the times below are that run's"
                                : "made by this run (" + made.madeAt() + ")");
        md.append(".\n\n| what | value |\n|---|---|\n");
        database.forEach((what, value) ->
                md.append("| ").append(what).append(" | ").append(value).append(" |\n"));
        if (made != null) {
            made.seconds().forEach((step, seconds) -> md.append("| seconds: %s | %.1f |\n".formatted(step, seconds)));
            md.append("| seconds: all of it | %.1f |\n"
                    .formatted(made.seconds().values().stream()
                            .mapToDouble(Double::doubleValue)
                            .sum()));
        }
        md.append("\nSome of the questions:\n\n");
        questions.forEach(q -> md.append("- ").append(q).append('\n'));
        md.append("\n## Plans\n\nEvery statement of one mix-mode retrieval, as PostgreSQL ran it (auto_explain with"
                        + " ANALYZE and BUFFERS, in the session settings the code sets), for the question \"")
                .append(explainedQuestion)
                .append("\". The three nearest-neighbour searches scan the 384-dimension HNSW indexes");
        md.append(vectorSearchesWithoutHnsw().isEmpty() ? " (checked).\n" : ": **NOT ALL OF THEM DO**.\n");
        for (String plan : plans) {
            md.append("\n```\n").append(abbreviated(plan)).append("\n```\n");
        }
        return md.toString();
    }

    // A 384-number vector or a 40-key array says nothing in a plan: its first values stand for it.
    private static String abbreviated(String plan) {
        return plan.replaceAll("'\\[([-0-9.e]+),([-0-9.e]+),[^\\]]{200,}\\]'", "'[$1,$2,...]'")
                .replaceAll("'\\{([^,}]+),([^,}]+),[^}]{200,}}'", "'{$1,$2,...}'");
    }

    private static String value(Statement sql, String query) throws Exception {
        try (ResultSet rows = sql.executeQuery(query)) {
            return rows.next() ? rows.getString(1) : "";
        }
    }
}
