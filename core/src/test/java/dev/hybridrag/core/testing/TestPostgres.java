package dev.hybridrag.core.testing;

import dev.hybridrag.core.tenant.PostgresSettings;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A throwaway database on the PostgreSQL server the build was pointed at (system properties {@code it.postgres.*},
 * set by {@code ./hybridrag test}), so integration tests never touch a user's data.
 */
public final class TestPostgres implements AutoCloseable {

    private final String adminUrl = System.getProperty("it.postgres.url", "jdbc:postgresql://127.0.0.1:5433/hybridrag");
    private final String user = System.getProperty("it.postgres.user", "hybridrag");
    private final String password = System.getProperty("it.postgres.password", "hybridrag");
    private final String database =
            "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);

    public TestPostgres() throws SQLException {
        execute(adminUrl, "CREATE DATABASE " + database);
        execute(settings().jdbcUrl(), "CREATE EXTENSION IF NOT EXISTS vector");
    }

    public PostgresSettings settings() {
        URI uri = URI.create(adminUrl.substring("jdbc:".length()));
        return new PostgresSettings(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), database, user, password);
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(settings().jdbcUrl(), user, password);
    }

    private void execute(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Override
    public void close() throws SQLException {
        execute(adminUrl, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }
}
