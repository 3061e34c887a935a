package dev.hybridrag.core.storage;

import dev.hybridrag.core.tenant.PostgresSettings;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A process's PostgreSQL connections (docs/connections.md): one HikariCP pool per database and user, opened on
 * first use and closed after a while unused; tenants that share a database share its pool. All pools to one server
 * (host:port) share one cap, {@link PoolSettings#serverConnections()}: past it, a caller waits for a connection to
 * close instead of PostgreSQL refusing one. Each database's schema is migrated once per process, when first asked
 * for.
 */
public final class Databases implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Databases.class);

    private final PoolSettings limits;
    private final Map<String, DatabasePool> pools = new ConcurrentHashMap<>();
    private final Map<String, ConnectionBudget> budgets = new ConcurrentHashMap<>();
    private final ScheduledThreadPoolExecutor housekeeping;

    public Databases(PoolSettings limits) {
        this.limits = limits;
        this.housekeeping = new ScheduledThreadPoolExecutor(1, runnable -> Thread.ofPlatform()
                .name("pg-pools-housekeeper")
                .daemon(true)
                .unstarted(runnable));
        housekeeping.setRemoveOnCancelPolicy(true);
        housekeeping.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        long period = Math.clamp(
                limits.poolIdle().toMillis() / 2, 500, Duration.ofSeconds(30).toMillis());
        housekeeping.scheduleWithFixedDelay(this::closeUnusedPools, period, period, TimeUnit.MILLISECONDS);
    }

    /** The default limits, with pools of {@code maxPoolSize} connections. */
    public Databases(int maxPoolSize) {
        this(PoolSettings.withPoolSize(maxPoolSize));
    }

    /** The database's connections; its schema is brought up to date the first time it is asked for. */
    public DataSource dataSource(PostgresSettings settings) {
        DatabasePool pool = pools.computeIfAbsent(
                settings.poolKey(), key -> new DatabasePool(settings, limits, budget(settings), housekeeping));
        try {
            pool.migrateOnce();
        } catch (SQLException e) {
            throw new IllegalStateException("could not migrate " + settings + ": " + e.getMessage(), e);
        }
        return pool;
    }

    private ConnectionBudget budget(PostgresSettings settings) {
        return budgets.computeIfAbsent(
                server(settings), server -> new ConnectionBudget(server, limits.serverConnections(), housekeeping));
    }

    private static String server(PostgresSettings settings) {
        return settings.host() + ":" + settings.port();
    }

    /** Connections open now, per server (host:port). */
    public Map<String, Integer> openConnections() {
        Map<String, Integer> open = new TreeMap<>();
        budgets.forEach((server, budget) -> open.put(server, budget.open()));
        return open;
    }

    /** The most connections open at once since start, per server (host:port). */
    public Map<String, Integer> peakConnections() {
        Map<String, Integer> peak = new TreeMap<>();
        budgets.forEach((server, budget) -> peak.put(server, budget.peak()));
        return peak;
    }

    /** Whether this process has the database's pool open now (asking does not open it). */
    public boolean isOpen(PostgresSettings settings) {
        DatabasePool pool = pools.get(settings.poolKey());
        return pool != null && pool.isOpen();
    }

    /** How many databases have a HikariCP pool open now. */
    public int openPools() {
        return (int) pools.values().stream().filter(DatabasePool::isOpen).count();
    }

    private void closeUnusedPools() {
        for (DatabasePool pool : pools.values()) {
            try {
                pool.closeIfUnused(limits.poolIdle());
            } catch (RuntimeException e) {
                log.warn("could not close the unused pool {}: {}", pool, e.toString());
            }
        }
    }

    @Override
    public void close() {
        housekeeping.shutdownNow();
        budgets.values().forEach(ConnectionBudget::close);
        pools.values().forEach(DatabasePool::close);
        pools.clear();
    }
}
