package dev.hybridrag.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** PostgreSQL logins an attacker on the machine would try: no password, the old literal ones, a wrong one. */
final class PostgresProbes {

    private final ChaosStack stack;

    PostgresProbes(ChaosStack stack) {
        this.stack = stack;
    }

    void run(SecurityTally tally) throws SQLException {
        String url = "jdbc:postgresql://127.0.0.1:" + stack.postgres().port() + "/hybridrag";
        String[][] logins = {{"postgres", ""}, {"hybridrag", ""}, {"postgres", "postgres"}, {"hybridrag", "hybridrag"}};
        int refused = 0;
        for (String[] login : logins) {
            refused += SecurityBenchmark.refusedLogin(url, login[0], login[1]) ? 1 : 0;
        }
        tally.add(
                "PostgreSQL",
                "TCP logins as postgres and hybridrag, no password and the old literal passwords",
                logins.length,
                refused,
                "scram-sha-256: authentication failed");
        int wrong = 0;
        for (int i = 0; i < 20; i++) {
            wrong += SecurityBenchmark.refusedLogin(url, "hybridrag", "guess-" + i) ? 1 : 0;
        }
        tally.add(
                "PostgreSQL", "a password-guessing loop as hybridrag (20 guesses)", 20, wrong, "authentication failed");
        boolean realWorks = !SecurityBenchmark.refusedLogin(
                url, "hybridrag", stack.postgres().password());
        if (!realWorks) {
            throw new IllegalStateException(
                    "the administrator's real password did not log in: the probes prove nothing");
        }
        parallelIndexBuild(url, tally);
    }

    /**
     * CVE-2026-3172 needs a parallel HNSW build: a login that raises max_parallel_maintenance_workers for its session
     * must still get no worker while pgvector is older than 0.8.2 (max_worker_processes is fixed at server start).
     */
    private void parallelIndexBuild(String url, SecurityTally tally) throws SQLException {
        try (Connection connection = DriverManager.getConnection(
                        url, "hybridrag", stack.postgres().password());
                Statement sql = connection.createStatement()) {
            sql.execute("CREATE EXTENSION IF NOT EXISTS vector");
            String version = single(sql, "SELECT extversion FROM pg_extension WHERE extname = 'vector'");
            if (!version.matches("0\\.([0-7]|8\\.[01])(\\..*)?")) {
                System.out.println("security: pgvector " + version + " is not affected by CVE-2026-3172");
                return;
            }
            sql.execute("SET max_parallel_maintenance_workers = 4");
            int workers = Integer.parseInt(single(sql, "SHOW max_worker_processes"));
            tally.add(
                    "PostgreSQL",
                    "a session raising max_parallel_maintenance_workers for a parallel HNSW build (pgvector " + version
                            + ", CVE-2026-3172)",
                    1,
                    workers == 0 ? 1 : 0,
                    "max_worker_processes = 0: no worker to build with");
        }
    }

    private static String single(Statement sql, String query) throws SQLException {
        try (ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
