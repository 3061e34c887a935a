package dev.hybridrag.core.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.hybridrag.core.tenant.PostgresSettings;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * Connection pools, one per PostgreSQL database and user, opened lazily on first use; tenants that share a
 * database share its pool. Each pool's schema is migrated once, when it opens.
 */
public final class Databases implements AutoCloseable {

    private final Map<String, HikariDataSource> pools = new ConcurrentHashMap<>();
    private final int maxPoolSize;

    public Databases(int maxPoolSize) {
        this.maxPoolSize = maxPoolSize;
    }

    public DataSource dataSource(PostgresSettings settings) {
        return pools.computeIfAbsent(settings.poolKey(), key -> open(settings));
    }

    private HikariDataSource open(PostgresSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("pg-" + settings.database());
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(maxPoolSize);
        config.setMinimumIdle(0);
        config.setIdleTimeout(Duration.ofMinutes(2).toMillis());
        config.setConnectionTimeout(Duration.ofSeconds(10).toMillis());
        // Start even when PostgreSQL is still coming up; the first query waits or fails on its own.
        config.setInitializationFailTimeout(-1);
        HikariDataSource pool = new HikariDataSource(config);
        try {
            SchemaMigrator.migrate(pool);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return pool;
    }

    @Override
    public void close() {
        pools.values().forEach(HikariDataSource::close);
        pools.clear();
    }
}
