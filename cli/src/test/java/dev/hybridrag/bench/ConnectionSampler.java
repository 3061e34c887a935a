package dev.hybridrag.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the client connections a PostgreSQL server holds, every few milliseconds on a connection of its own (not
 * counted), and keeps the peak: what the server saw, whatever the clients think they hold.
 */
final class ConnectionSampler implements AutoCloseable {

    private static final String COUNT = "SELECT count(*) FROM pg_stat_activity"
            + " WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()";

    private final Connection connection;
    private final Duration every;
    private final AtomicInteger peak = new AtomicInteger();
    private final AtomicInteger samples = new AtomicInteger();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean stopping;
    private volatile SQLException failure;

    ConnectionSampler(String jdbcUrl, String user, String password, Duration every) throws SQLException {
        this.connection = DriverManager.getConnection(jdbcUrl, user, password);
        this.every = every;
        Thread.ofPlatform().name("connection-sampler").daemon(true).start(this::run);
    }

    private void run() {
        try (Statement statement = connection.createStatement()) {
            while (!stopping) {
                try (ResultSet rows = statement.executeQuery(COUNT)) {
                    rows.next();
                    peak.accumulateAndGet(rows.getInt(1), Math::max);
                    samples.incrementAndGet();
                }
                Thread.sleep(every);
            }
        } catch (SQLException e) {
            failure = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stopped.countDown();
        }
    }

    /** The most client connections seen at once, this sampler's own not counted. */
    int peak() {
        return peak.get();
    }

    int samples() {
        return samples.get();
    }

    @Override
    public void close() throws Exception {
        stopping = true;
        stopped.await();
        connection.close();
        if (failure != null) {
            throw failure;
        }
    }
}
