package dev.hybridrag.core.storage;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connections this process may hold open to one PostgreSQL server (host:port), over all its databases and
 * users: one permit per open connection.
 *
 * <p>HikariCP caps each pool but has no cap across pools, and PostgreSQL's max_connections counts every open
 * connection, idle ones included, so a cap on borrowing would not do: each pool opens its connections through
 * {@link BudgetedConnections}, which takes a permit here first and gives it back when the connection closes. A
 * pool that needs a connection while every permit is held asks the other pools to close their idle ones, least
 * recently used first, and waits.
 */
final class ConnectionBudget {

    private static final Logger log = LoggerFactory.getLogger(ConnectionBudget.class);
    // Waiters look again this often: for idle connections to reclaim, and whether they still need one at all.
    private static final Duration SLICE = Duration.ofMillis(100);
    // How long a waiter leaves busy pools their connections before it takes one from them anyway.
    private static final Duration PATIENCE = Duration.ofMillis(500);
    private static final long LOG_EVERY_NANOS = Duration.ofMinutes(1).toNanos();

    private final String server;
    private final int cap;
    private final Semaphore permits;
    private final Set<DatabasePool> pools = ConcurrentHashMap.newKeySet();
    private final AtomicInteger peak = new AtomicInteger();
    private final AtomicLong lastFullLog = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);
    private volatile boolean closed;

    ConnectionBudget(String server, int cap) {
        this.server = server;
        this.cap = cap;
        this.permits = new Semaphore(cap, true);
    }

    void register(DatabasePool pool) {
        pools.add(pool);
    }

    /**
     * Takes {@code count} permits, waiting at most {@code wait}; gives up early when {@code stillWanted} turns
     * false (the caller that needed the connection has gone).
     */
    void acquire(int count, Duration wait, DatabasePool requester, BooleanSupplier stillWanted) throws SQLException {
        long started = System.nanoTime();
        long deadline = started + wait.toNanos();
        try {
            while (!permits.tryAcquire(count, 0, TimeUnit.MILLISECONDS)) {
                reportFull();
                reclaimIdle(requester, System.nanoTime() - started > PATIENCE.toNanos());
                if (permits.tryAcquire(count, SLICE.toMillis(), TimeUnit.MILLISECONDS)) {
                    break;
                }
                if (closed || !stillWanted.getAsBoolean()) {
                    throw new SQLTransientConnectionException(
                            "no longer waiting for a connection to " + server + " (no one needs it now)", "53300");
                }
                if (System.nanoTime() > deadline) {
                    throw new SQLTransientConnectionException(
                            "no connection to " + server + " became free within " + wait.toSeconds() + " s: this"
                                    + " process holds its cap of " + cap + " (HYBRIDRAG_PG_SERVER_CONNECTIONS)",
                            "53300");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for a connection to " + server, "57014", e);
        }
        peak.accumulateAndGet(open(), Math::max);
    }

    void release(int count) {
        permits.release(count);
    }

    /** Connections open to this server now. */
    int open() {
        return cap - permits.availablePermits();
    }

    /** The most connections open to this server at once. */
    int peak() {
        return peak.get();
    }

    int cap() {
        return cap;
    }

    /**
     * Closes the connections of the least recently used other pool whose database nobody is using right now;
     * once {@code impatient}, of the least recently used pool holding any. A pool in use loses its idle connections
     * at once and its borrowed ones when they are next borrowed, instead of reusing them: under that much
     * contention a busy database reconnecting is the price of a waiting one getting a turn at all.
     */
    private void reclaimIdle(DatabasePool requester, boolean impatient) {
        pools.stream()
                .filter(pool -> pool != requester)
                .filter(pool -> impatient
                        ? pool.idleConnections() + pool.activeConnections() > 0
                        : pool.idleConnections() > 0 && pool.activeConnections() == 0)
                .min(Comparator.comparing((DatabasePool pool) -> pool.activeConnections() > 0)
                        .thenComparingLong(DatabasePool::lastUsedNanos))
                .ifPresent(DatabasePool::evictConnections);
    }

    private void reportFull() {
        long last = lastFullLog.get();
        long now = System.nanoTime();
        if (now - last >= LOG_EVERY_NANOS && lastFullLog.compareAndSet(last, now)) {
            log.info(
                    "all {} connections this process may open to {} are in use; waiting for one"
                            + " (HYBRIDRAG_PG_SERVER_CONNECTIONS, docs/connections.md)",
                    cap,
                    server);
        }
    }

    /** Wakes waiters: they give up instead of waiting for pools that are closing. */
    void close() {
        closed = true;
    }
}
