package dev.hybridrag.bench;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A data source whose sessions run PostgreSQL's auto_explain with ANALYZE and BUFFERS and send each plan back as a
 * notice; the plans are collected as statements close. Code handed this data source is explained exactly as it
 * runs, with its own SQL, parameters and session settings (such as {@code SET LOCAL hnsw.ef_search}).
 */
public class ExplainedStatements extends PGSimpleDataSource {

    private final List<String> plans = new ArrayList<>();

    public ExplainedStatements(String jdbcUrl, String user, String password) {
        setUrl(jdbcUrl);
        setUser(user);
        setPassword(password);
    }

    /** The plans of the statements closed so far, each beginning with its query text. */
    public synchronized List<String> plans() {
        return List.copyOf(plans);
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection connection = super.getConnection();
        try (Statement settings = connection.createStatement()) {
            settings.execute("LOAD 'auto_explain'");
            settings.execute("SET auto_explain.log_min_duration = 0");
            settings.execute("SET auto_explain.log_analyze = on");
            settings.execute("SET auto_explain.log_buffers = on");
            settings.execute("SET auto_explain.log_level = notice");
            settings.execute("SET client_min_messages = notice");
        }
        // A statement inside a transaction ends (and is explained) when the transaction does, so its plan
        // arrives with the commit, as a warning on the connection.
        return proxy(Connection.class, connection, (target, method, args) -> {
            if (method.getName().equals("close")) {
                collect(connection.getWarnings());
            }
            Object result = invoke(target, method, args);
            if (method.getName().equals("commit")) {
                collect(connection.getWarnings());
                connection.clearWarnings();
            }
            return result instanceof Statement statement && method.getName().endsWith("Statement")
                    ? proxy(method.getReturnType(), statement, (s, m, a) -> {
                        if (m.getName().equals("close")) {
                            collect(statement.getWarnings());
                        }
                        return invoke(s, m, a);
                    })
                    : result;
        });
    }

    // Plans of the driver's own catalogue lookups (the vector type's oid, once per connection) and of the options an
    // HNSW search sets ahead of itself are left out.
    private synchronized void collect(SQLWarning warnings) {
        for (SQLWarning warning = warnings; warning != null; warning = warning.getNextWarning()) {
            String message = warning.getMessage();
            if (message.contains("plan:")
                    && !message.contains("pg_catalog.")
                    && !message.contains("set_config('hnsw.")) {
                plans.add(message.substring(message.indexOf("plan:") + 5).strip());
            }
        }
    }

    private interface Handler {
        Object handle(Object target, Method method, Object[] args) throws Throwable;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Object target, Handler handler) {
        InvocationHandler invocation = (proxy, method, args) -> handler.handle(target, method, args);
        return (T)
                Proxy.newProxyInstance(ExplainedStatements.class.getClassLoader(), new Class<?>[] {type}, invocation);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
