package dev.hybridrag.core.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;

/**
 * The JDBC every repository wrote out by hand: one statement, its parameters in order, each row mapped. Parameters
 * are set by their type: a collection as a {@code text[]}, an {@link Instant} as a timestamp, anything else as is.
 */
public final class Sql {

    /** Makes one value of the current row. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    private Sql() {}

    /** Every row of {@code sql}, mapped, on a connection of its own. */
    public static <T> List<T> list(DataSource dataSource, String sql, RowMapper<T> mapper, Object... parameters)
            throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return list(connection, sql, mapper, parameters);
        }
    }

    /** Every row of {@code sql}, mapped, on the caller's connection (its transaction). */
    public static <T> List<T> list(Connection connection, String sql, RowMapper<T> mapper, Object... parameters)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(connection, statement, parameters);
            try (ResultSet rows = statement.executeQuery()) {
                return mapped(rows, mapper);
            }
        }
    }

    /** Runs an insert, update or delete of {@code sql} on a connection of its own; returns the rows it changed. */
    public static int update(DataSource dataSource, String sql, Object... parameters) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return update(connection, sql, parameters);
        }
    }

    /** Runs an insert, update or delete of {@code sql} on the caller's connection; returns the rows it changed. */
    public static int update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(connection, statement, parameters);
            return statement.executeUpdate();
        }
    }

    /**
     * Every row of the last statement of {@code sql}, mapped: the statements before it (setting options for it) are
     * sent with it in one round trip, and share its transaction.
     */
    public static <T> List<T> lastList(DataSource dataSource, String sql, RowMapper<T> mapper, Object... parameters)
            throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(connection, statement, parameters);
            ResultSet last = null;
            boolean rows = statement.execute();
            while (rows || statement.getUpdateCount() != -1) {
                if (rows) {
                    last = statement.getResultSet();
                }
                rows = statement.getMoreResults(Statement.KEEP_CURRENT_RESULT);
            }
            return last == null ? new ArrayList<>() : mapped(last, mapper);
        }
    }

    private static <T> List<T> mapped(ResultSet rows, RowMapper<T> mapper) throws SQLException {
        List<T> found = new ArrayList<>();
        while (rows.next()) {
            found.add(mapper.map(rows));
        }
        return found;
    }

    private static void bind(Connection connection, PreparedStatement statement, Object... parameters)
            throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameter(connection, parameters[i]));
        }
    }

    private static Object parameter(Connection connection, Object value) throws SQLException {
        return switch (value) {
            case Collection<?> values -> connection.createArrayOf("text", values.toArray());
            case Instant instant -> Timestamp.from(instant);
            case null, default -> value;
        };
    }
}
