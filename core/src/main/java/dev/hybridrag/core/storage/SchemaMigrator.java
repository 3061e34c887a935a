package dev.hybridrag.core.storage;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** Brings a database's schema up to date. Flyway's lock makes concurrent starts of many services safe. */
public final class SchemaMigrator {

    private SchemaMigrator() {}

    public static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .table("hybridrag_schema_history")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                // Migrations build HNSW indexes: never in parallel (CVE-2026-3172 in pgvector before 0.8.2).
                .initSql("SET max_parallel_maintenance_workers = 0")
                .load()
                .migrate();
    }
}
