package dev.hybridrag.core.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.hybridrag.core.tenant.PostgresSettings;
import io.micrometer.core.instrument.Metrics;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Logger;
import org.slf4j.LoggerFactory;

/**
 * One database's connections as callers see them: a DataSource that stays valid while the HikariCP pool behind it
 * is opened on first use, closed by {@link Databases} once unused for a while, and opened again on the next use.
 */
final class DatabasePool implements OpaqueDataSource {

    private static final org.slf4j.Logger log = LoggerFactory.getLogger(DatabasePool.class);
    // Idle connections of a busy pool close after this; under contention the budget reclaims them sooner.
    private static final Duration CONNECTION_IDLE = Duration.ofMinutes(2);
    // Flyway holds two connections at once; taking both permits together means two half-migrated pools can
    // never hold one each and wait for each other.
    private static final int MIGRATION_CONNECTIONS = 2;
    private static final Duration BORROW_TURN = Duration.ofSeconds(2);

    private final PostgresSettings settings;
    private final PoolSettings limits;
    private final ConnectionBudget budget;
    private final ScheduledExecutorService housekeeping;
    private final Object migration = new Object();
    // Written under this object's lock; read without it by the budget, which must never wait for a pool's lock.
    private volatile HikariDataSource pool;
    private int entering; // guarded by this: callers between taking the pool and borrowing from it
    private volatile boolean migrated;
    private boolean closed; // guarded by this
    private volatile long lastUsedNanos = System.nanoTime();

    DatabasePool(
            PostgresSettings settings,
            PoolSettings limits,
            ConnectionBudget budget,
            ScheduledExecutorService housekeeping) {
        this.settings = settings;
        this.limits = limits;
        this.budget = budget;
        this.housekeeping = housekeeping;
        budget.register(this);
    }

    /** Brings the schema up to date once per process, on connections of their own that count against the cap. */
    void migrateOnce() throws SQLException {
        if (migrated) {
            return;
        }
        synchronized (migration) {
            if (migrated) {
                return;
            }
            budget.acquire(MIGRATION_CONNECTIONS, limits.connectionWait(), this);
            try {
                SchemaMigrator.migrate(BudgetedConnections.unpooled(settings));
            } finally {
                budget.release(MIGRATION_CONNECTIONS);
            }
            migrated = true;
        }
    }

    /**
     * A connection, waiting up to {@link PoolSettings#connectionWait()} in turns of {@link #BORROW_TURN}: HikariCP
     * asks for a new connection only when a borrower starts waiting, so a borrower whose new connection was evicted
     * while it was handed over (or whose handed-over one was marked for eviction) would otherwise wait out its whole
     * time with nobody opening one for it.
     */
    @Override
    public Connection getConnection() throws SQLException {
        long deadline = System.nanoTime() + limits.connectionWait().toNanos();
        while (true) {
            HikariDataSource open = enter();
            try {
                return open.getConnection();
            } catch (SQLTransientConnectionException e) {
                if (System.nanoTime() - deadline > 0) {
                    throw e;
                }
            } finally {
                leave();
            }
        }
    }

    private synchronized HikariDataSource enter() throws SQLException {
        if (closed) {
            throw new SQLException("the connection pools are closed (the process is stopping)", "57P01");
        }
        if (pool == null) {
            pool = open();
        }
        entering++;
        lastUsedNanos = System.nanoTime();
        return pool;
    }

    private synchronized void leave() {
        entering--;
        lastUsedNanos = System.nanoTime();
    }

    private HikariDataSource open() {
        HikariConfig config = new HikariConfig();
        config.setPoolName("pg-" + settings.database());
        config.setDataSource(new BudgetedConnections(settings, budget, this, limits.connectionWait()));
        config.setMaximumPoolSize(limits.effectivePoolSize());
        config.setMinimumIdle(0);
        config.setIdleTimeout(CONNECTION_IDLE.toMillis());
        config.setConnectionTimeout(
                Math.min(BORROW_TURN.toMillis(), limits.connectionWait().toMillis()));
        config.setValidationTimeout(
                Math.min(BORROW_TURN.toMillis(), limits.connectionWait().toMillis()));
        // Start even when PostgreSQL is still coming up; the first query waits or fails on its own.
        config.setInitializationFailTimeout(-1);
        // One housekeeping thread for every pool instead of one each: a process may serve hundreds of databases.
        config.setScheduledExecutor(housekeeping);
        if (!Metrics.globalRegistry.getRegistries().isEmpty()) {
            // hikaricp_connections{pool="pg-DATABASE"}: active, idle, pending, timeouts, acquire and usage times.
            config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(Metrics.globalRegistry));
        }
        log.debug("opening the pool of {}", settings);
        return new HikariDataSource(config);
    }

    /** Closes the pool when it has been unused for {@code idle} with nothing borrowed or awaited. */
    synchronized boolean closeIfUnused(Duration idle) {
        if (pool == null
                || entering > 0
                || System.nanoTime() - lastUsedNanos < idle.toNanos()
                || activeConnections() > 0
                || threadsWaiting() > 0) {
            return false;
        }
        log.info("closing the pool of {} after {} s unused", settings, idle.toSeconds());
        budget.cancelWaitersOf(this);
        pool.close();
        pool = null;
        return true;
    }

    /**
     * Closes the idle connections now and the borrowed ones when next borrowed, giving their permits back to the
     * server's budget.
     */
    void evictConnections() {
        HikariPoolMXBean bean = mxBean();
        if (bean != null) {
            bean.softEvictConnections();
        }
    }

    int idleConnections() {
        HikariPoolMXBean bean = mxBean();
        return bean == null ? 0 : bean.getIdleConnections();
    }

    int activeConnections() {
        HikariPoolMXBean bean = mxBean();
        return bean == null ? 0 : bean.getActiveConnections();
    }

    int threadsWaiting() {
        HikariPoolMXBean bean = mxBean();
        return bean == null ? 0 : bean.getThreadsAwaitingConnection();
    }

    long lastUsedNanos() {
        return lastUsedNanos;
    }

    /** Whether a HikariCP pool is open for this database now. */
    boolean isOpen() {
        return pool != null;
    }

    private HikariPoolMXBean mxBean() {
        HikariDataSource open = pool;
        return open == null ? null : open.getHikariPoolMXBean();
    }

    synchronized void close() {
        closed = true;
        if (pool != null) {
            pool.close();
            pool = null;
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("a tenant's pool connects as the tenant's user");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
        return (int) limits.connectionWait().toSeconds();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public String toString() {
        return "DatabasePool[" + settings.poolKey() + "]";
    }
}
