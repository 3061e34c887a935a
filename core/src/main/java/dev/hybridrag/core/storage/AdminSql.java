package dev.hybridrag.core.storage;

import dev.hybridrag.core.tenant.PostgresSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.ds.PGSimpleDataSource;

/** What preparing and dropping tenants says to PostgreSQL as an administrator: names and passwords quoted safely. */
final class AdminSql {

    private AdminSql() {}

    static Connection connect(PostgresSettings settings) throws SQLException {
        return DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
    }

    /** A plain, unpooled data source, for running migrations as the administrator. */
    static PGSimpleDataSource dataSource(PostgresSettings settings) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(settings.jdbcUrl());
        dataSource.setUser(settings.user());
        dataSource.setPassword(settings.password());
        return dataSource;
    }

    static boolean exists(Connection connection, String sql, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, name);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    /**
     * DDL takes no bind parameters: the statement is built by PostgreSQL's own {@code format()}, whose {@code %I}
     * and {@code %L} quote identifiers and literals, from bound values.
     */
    static void execute(Connection connection, String formatSql, String... values) throws SQLException {
        String ddl;
        try (PreparedStatement statement = connection.prepareStatement(formatSql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setString(i + 1, values[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                ddl = rows.getString(1);
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(ddl);
        }
    }
}
