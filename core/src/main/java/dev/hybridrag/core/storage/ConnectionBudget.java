package dev.hybridrag.core.storage;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connections this process may hold open to one PostgreSQL server (host:port), over all its databases and
 * users: one permit per open connection.
 *
 * <p>HikariCP caps each pool but has no cap across pools, and PostgreSQL's max_connections counts every open
 * connection, idle ones included, so a cap on borrowing would not do: each pool opens its connections through
 * {@link BudgetedConnections}, which takes a permit here first and gives it back when the connection closes.
 * Waiters are served first come, first served (a fair semaphore). While anyone waits, {@link #tend()} (run every
 * {@link #TEND_EVERY} on the pools' housekeeping thread) asks the other pools to close their idle connections, least
 * recently used first. Only while anyone waits: a process with nothing to do has no timer ticking ten times a second
 * for it (issue 17, idle CPU).
 */
final class ConnectionBudget {

    static final Duration TEND_EVERY = Duration.ofMillis(100);
    private static final Logger log = LoggerFactory.getLogger(ConnectionBudget.class);
    // How long a waiter leaves busy pools their connections before it takes them anyway.
    private static final Duration PATIENCE = Duration.ofMillis(500);
    private static final long LOG_EVERY_NANOS = Duration.ofMinutes(1).toNanos();

    private final String server;
    private final int cap;
    private final ScheduledExecutorService housekeeping;
    private ScheduledFuture<?> tending; // guarded by this
    private final Semaphore permits;
    private final Set<DatabasePool> pools = ConcurrentHashMap.newKeySet();
    private final Map<Thread, Waiter> waiters = new ConcurrentHashMap<>();
    private final AtomicInteger peak = new AtomicInteger();
    private final AtomicLong lastFullLog = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);
    private volatile boolean closed;

    ConnectionBudget(String server, int cap, ScheduledExecutorService housekeeping) {
        this.server = server;
        this.cap = cap;
        this.housekeeping = housekeeping;
        this.permits = new Semaphore(cap, true);
    }

    void register(DatabasePool pool) {
        pools.add(pool);
    }

    /**
     * Takes {@code count} permits for {@code requester}, waiting at most {@code wait}; gives up early when the
     * requester or the budget closes.
     *
     * <p>A wait is never cut short because its caller seems to have gone: HikariCP backs off longer after every
     * failed attempt to open a connection (up to ten seconds), and a pool that keeps failing starves. A connection
     * opened for nobody just sits idle until a waiter reclaims it.
     */
    void acquire(int count, Duration wait, DatabasePool requester) throws SQLException {
        try {
            // A timed tryAcquire, unlike the untimed one, queues behind earlier waiters.
            if (!permits.tryAcquire(count, 0, TimeUnit.NANOSECONDS)) {
                await(count, wait, requester);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for a connection to " + server, "57014", e);
        }
        peak.accumulateAndGet(open(), Math::max);
    }

    private void await(int count, Duration wait, DatabasePool requester) throws SQLException, InterruptedException {
        reportFull();
        Waiter waiter = new Waiter(Thread.currentThread(), System.nanoTime(), requester);
        waiters.put(waiter.thread, waiter);
        tendWhileWaited();
        reclaimIdle(1);
        boolean acquired = false;
        try {
            acquired = permits.tryAcquire(count, wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            if (!waiter.cancelled()) {
                throw e;
            }
        } finally {
            waiters.remove(waiter.thread, waiter);
            if (waiter.finish()) {
                Thread.interrupted(); // our own cancellation's interrupt, not the caller's
            }
        }
        if (waiter.cancelled()) {
            if (acquired) {
                permits.release(count);
            }
            throw new SQLTransientConnectionException(
                    "stopped waiting for a connection to " + server + ": its pool is closing", "53300");
        }
        if (!acquired) {
            throw new SQLTransientConnectionException(
                    "no connection to " + server + " became free within " + wait.toSeconds() + " s: this process"
                            + " holds its cap of " + cap + " (HYBRIDRAG_PG_SERVER_CONNECTIONS, docs/connections.md)",
                    "53300");
        }
    }

    /** Starts tending, unless it runs: it stops itself once nobody waits (after this waiter was added, never before). */
    private synchronized void tendWhileWaited() {
        if (tending != null || closed) {
            return;
        }
        try {
            tending = housekeeping.scheduleWithFixedDelay(
                    this::tendOrStop, TEND_EVERY.toMillis(), TEND_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // the pools are closing: close() ends every wait
        }
    }

    private void tendOrStop() {
        synchronized (this) {
            if (waiters.isEmpty()) {
                tending.cancel(false);
                tending = null;
                return;
            }
        }
        try {
            tend();
        } catch (RuntimeException e) {
            log.warn("could not reclaim connections to {}: {}", server, e.toString());
        }
    }

    /**
     * Reclaims connections for the waiters: the idle connections of databases nobody is using, as many pools as
     * there are waiters; if there are none and the longest wait has passed {@link #PATIENCE}, also those of busy
     * databases, a few pools per turn.
     */
    void tend() {
        if (waiters.isEmpty()) {
            return;
        }
        if (closed) {
            waiters.values().forEach(Waiter::cancel);
            return;
        }
        long longest = System.nanoTime()
                - waiters.values().stream().mapToLong(w -> w.since).min().orElse(System.nanoTime());
        if (reclaimIdle(waiters.size()) == 0 && longest > PATIENCE.toNanos()) {
            reclaimBusy(Math.max(1, waiters.size() / 10));
        }
    }

    /** Stops the waits of a pool that is closing. */
    void cancelWaitersOf(DatabasePool pool) {
        waiters.values().stream().filter(waiter -> waiter.requester == pool).forEach(Waiter::cancel);
    }

    /**
     * Closes the idle connections of up to {@code count} pools whose database nobody is using or waiting for,
     * least recently used first; returns how many pools.
     */
    private int reclaimIdle(int count) {
        List<DatabasePool> idle = pools.stream()
                .filter(pool ->
                        pool.idleConnections() > 0 && pool.activeConnections() == 0 && pool.threadsWaiting() == 0)
                .sorted(Comparator.comparingLong(DatabasePool::lastUsedNanos))
                .limit(count)
                .toList();
        idle.forEach(DatabasePool::evictConnections);
        return idle.size();
    }

    /**
     * Takes the connections of up to {@code count} busy pools, those nobody is waiting on and holding the most
     * first: their idle ones close at once, their borrowed ones when next borrowed instead of being reused. Under
     * that much contention a busy database reconnecting is the price of a waiting one getting a turn at all. Never
     * many per turn, and a pool with waiters only when no other holds any: a connection opened for a waiter must
     * reach it, or the pools only take each other's connections and nobody gets one.
     */
    private void reclaimBusy(int count) {
        pools.stream()
                .filter(pool -> pool.idleConnections() + pool.activeConnections() > 0)
                .sorted(Comparator.comparing((DatabasePool pool) -> pool.threadsWaiting() > 0)
                        .thenComparing(
                                pool -> pool.idleConnections() + pool.activeConnections(), Comparator.reverseOrder())
                        .thenComparingLong(DatabasePool::lastUsedNanos))
                .limit(count)
                .toList()
                .forEach(DatabasePool::evictConnections);
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

    /** Stops every wait: pools are closing. */
    void close() {
        closed = true;
        tend();
    }

    /** A thread waiting for permits. Cancelling interrupts it, but never once it has stopped waiting. */
    private static final class Waiter {
        private final Thread thread;
        private final long since;
        private final DatabasePool requester;
        private boolean cancelled; // guarded by this
        private boolean finished; // guarded by this

        Waiter(Thread thread, long since, DatabasePool requester) {
            this.thread = thread;
            this.since = since;
            this.requester = requester;
        }

        synchronized void cancel() {
            if (!finished && !cancelled) {
                cancelled = true;
                thread.interrupt();
            }
        }

        /** @return whether it was cancelled, so an interrupt of ours may be pending */
        synchronized boolean finish() {
            finished = true;
            return cancelled;
        }

        synchronized boolean cancelled() {
            return cancelled;
        }
    }
}
