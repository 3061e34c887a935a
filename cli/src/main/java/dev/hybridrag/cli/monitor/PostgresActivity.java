package dev.hybridrag.cli.monitor;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * What one PostgreSQL server holds and does: the size of every database the reader may connect to, and its
 * connections per database and role (the user story's {@code monitor-shared.sh} queries). No query text is read:
 * statements may quote what a tenant wrote.
 */
final class PostgresActivity {

    /** A database and its size on disk. */
    record DatabaseSize(String server, String database, long bytes) {}

    /**
     * Connections of one role to one database.
     *
     * @param active running a statement now
     * @param longestActiveSeconds how long the oldest running statement has run
     */
    record Connections(
            String server, String database, String role, long total, long active, double longestActiveSeconds) {}

    private PostgresActivity() {}

    static List<DatabaseSize> sizes(String server, DataSource dataSource) throws SQLException {
        List<DatabaseSize> sizes = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("""
                        SELECT datname, pg_database_size(datname) FROM pg_database
                        WHERE NOT datistemplate AND has_database_privilege(datname, 'CONNECT')
                        ORDER BY datname""")) {
            while (rows.next()) {
                sizes.add(new DatabaseSize(server, rows.getString(1), rows.getLong(2)));
            }
        }
        return sizes;
    }

    static List<Connections> connections(String server, DataSource dataSource) throws SQLException {
        List<Connections> connections = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("""
                        SELECT datname, usename, count(*),
                               count(*) FILTER (WHERE state = 'active' AND pid <> pg_backend_pid()),
                               coalesce(extract(epoch FROM max(now() - query_start)
                                   FILTER (WHERE state = 'active' AND pid <> pg_backend_pid())), 0)
                        FROM pg_stat_activity WHERE datname IS NOT NULL
                        GROUP BY datname, usename ORDER BY datname, usename""")) {
            while (rows.next()) {
                connections.add(new Connections(
                        server,
                        rows.getString(1),
                        rows.getString(2),
                        rows.getLong(3),
                        rows.getLong(4),
                        rows.getDouble(5)));
            }
        }
        return connections;
    }
}
