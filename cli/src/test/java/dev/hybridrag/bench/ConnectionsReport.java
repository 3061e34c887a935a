package dev.hybridrag.bench;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What {@link ConnectionsBenchmark} measured, as docs/benchmarks/connections.md. */
final class ConnectionsReport {

    private final int tenants;
    private final int maxConnections;
    private final int serverConnections;
    private final List<String> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private int peak = -1;
    private int failedQueries = -1;
    private long failedDocuments = -1;
    private int refused = -1;

    ConnectionsReport(int tenants, int maxConnections, int serverConnections) {
        this.tenants = tenants;
        this.maxConnections = maxConnections;
        this.serverConnections = serverConnections;
    }

    void prepared(double seconds) {
        rows.add(row(
                "preparing " + tenants + " tenants (role, database, extension, schema)", "%.1f s".formatted(seconds)));
    }

    void load(double seconds, TenantQueries queries, ConnectionSampler sampler, Map<String, Integer> perService) {
        peak = sampler.peak();
        failedQueries = queries.failed();
        rows.add(row(
                "ingesting while querying, until every document and graph key was done", "%.1f s".formatted(seconds)));
        rows.add(row("queries answered (HTTP 200)", queries.answered()));
        rows.add(row("queries failed", queries.failed()));
        rows.add(row(
                "**peak client connections PostgreSQL held** (" + sampler.samples() + " samples)", "**" + peak + "**"));
        perService.forEach((service, count) -> rows.add(row("peak connections held by " + service, count)));
        queries.failures().forEach(failure -> notes.add("- failed query: `" + failure.replace('\n', ' ') + "`"));
    }

    void documents(Map<String, Long> byStatus) {
        failedDocuments = byStatus.getOrDefault("failed", 0L)
                + byStatus.getOrDefault("pending", 0L)
                + byStatus.getOrDefault("processing", 0L);
        rows.add(row("documents by status", byStatus));
    }

    void refusals(List<String> lines) {
        refused = lines.size();
        rows.add(row("connections refused (\"too many clients\" in the server log)", refused));
        lines.stream().limit(5).forEach(line -> notes.add("- server log: `" + line + "`"));
    }

    void loadAverage(double load) {
        rows.add(row("1-minute load average at the end", "%.2f".formatted(load)));
    }

    int peak() {
        return peak;
    }

    int failedQueries() {
        return failedQueries;
    }

    long failedDocuments() {
        return failedDocuments;
    }

    int refusedConnections() {
        return refused;
    }

    String markdown() {
        return """
                # Connections: 100 database-mode tenants, max_connections=%d

                Issue 7's acceptance, run by `./hybridrag bench connections` (`ConnectionsBenchmark`): %d tenants in
                database mode, each with its own database and login role made by `backend init`'s code, ingest
                pieces of the SpecStory corpus (`../shared/corpus/specstory-minsky`, cut at paragraph breaks into
                pieces of about 12,000 characters and shared out, two per tenant, so each tenant has different
                documents) while one client per tenant asks mix-mode questions
                (retrieval only) over HTTP the whole time. The PostgreSQL server is the benchmark's own (Debian's
                PostgreSQL 15 with pgvector, `max_connections = %d`, fsync off, started in a temporary folder), so the
                shared test server is never reconfigured. Watcher, extractor, indexer and query-service run in one JVM
                but each on its own `Infrastructure`, so each has its own pools and its own cap of %d connections per
                server (`HYBRIDRAG_PG_SERVER_CONNECTIONS`), as four processes of `./hybridrag up` would: %d at most
                together, under the server's %d less 3 reserved for superusers. Kafka is an in-JVM broker, the LLM and
                embeddings a fake OpenAI-compatible server on loopback (canned extractions, 64-dimension vectors). A
                sampler counts `pg_stat_activity`'s client backends every 20 ms (its own connection not counted);
                the server's log is searched for refused connections afterwards.

                Measured %s on %s; the machine is shared with other builds, so the times are only indicative.

                | measure | value |
                |---|---|
                %s
                %s
                """.formatted(
                        maxConnections,
                        tenants,
                        maxConnections,
                        serverConnections,
                        4 * serverConnections,
                        maxConnections,
                        LocalDate.now(ZoneOffset.UTC),
                        Reports.machine(),
                        String.join("\n", rows),
                        notes.isEmpty() ? "" : "\n" + String.join("\n", notes) + "\n");
    }

    private static String row(String what, Object value) {
        return "| " + what + " | " + value + " |";
    }
}
