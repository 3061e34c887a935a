package dev.hybridrag.core.storage;

import dev.hybridrag.core.tenant.PostgresSettings;
import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Where a HikariCP pool gets its physical connections: each one takes a permit of its server's
 * {@link ConnectionBudget} before it is opened and returns it when HikariCP closes it.
 */
final class BudgetedConnections implements OpaqueDataSource {

    private final PGSimpleDataSource driver;
    private final ConnectionBudget budget;
    private final DatabasePool pool;
    private final Duration wait;

    BudgetedConnections(PostgresSettings settings, ConnectionBudget budget, DatabasePool pool, Duration wait) {
        this.driver = unpooled(settings);
        // Opening a connection may take a while on a busy server; HikariCP would set its own short borrow turn.
        this.driver.setLoginTimeout((int) Math.max(1, wait.toSeconds()));
        this.budget = budget;
        this.pool = pool;
        this.wait = wait;
    }

    /** Plain driver connections, for what must not go through the pool (migrations). */
    static PGSimpleDataSource unpooled(PostgresSettings settings) {
        PGSimpleDataSource driver = new PGSimpleDataSource();
        driver.setURL(settings.jdbcUrl());
        driver.setUser(settings.user());
        driver.setPassword(settings.password());
        return driver;
    }

    @Override
    public Connection getConnection() throws SQLException {
        budget.acquire(1, wait, pool);
        try {
            return returnsPermitOnClose(driver.getConnection());
        } catch (SQLException | RuntimeException e) {
            budget.release(1);
            throw e;
        }
    }

    // A dynamic proxy rather than a hand-written delegate of Connection's 50-odd methods: only close and abort
    // differ. unwrap() still reaches the driver's connection (COPY, pgvector types).
    private Connection returnsPermitOnClose(Connection physical) {
        AtomicBoolean returned = new AtomicBoolean();
        InvocationHandler handler = (proxy, method, args) -> {
            switch (method.getName()) {
                case "equals" -> {
                    return proxy == args[0];
                }
                case "hashCode" -> {
                    return System.identityHashCode(proxy);
                }
                default -> {}
            }
            try {
                return method.invoke(physical, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            } finally {
                if (closes(method) && returned.compareAndSet(false, true)) {
                    budget.release(1);
                }
            }
        };
        return (Connection) Proxy.newProxyInstance(
                BudgetedConnections.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
    }

    private static boolean closes(Method method) {
        return method.getName().equals("close") || method.getName().equals("abort");
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the pool's user is fixed");
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return driver.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        driver.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // Kept at the connection wait: see the constructor.
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return driver.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return driver.getParentLogger();
    }
}
