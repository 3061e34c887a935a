package dev.hybridrag.core.storage;

import dev.hybridrag.core.tenant.Isolation;
import dev.hybridrag.core.tenant.PostgresSettings;
import dev.hybridrag.core.tenant.TenantConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * Prepares a tenant's PostgreSQL, what operators did by hand with docker exec and psql; safe to run again.
 *
 * <ul>
 *   <li>Database mode: a login role for the tenant (when its user is not the administrator), the database owned by
 *       it and closed to every other role ({@code CONNECT} revoked from {@code PUBLIC}), the {@code vector}
 *       extension, and the schema.
 *   <li>Workspace mode: the extension and the schema in the shared database.
 * </ul>
 *
 * Roles, databases and the extension are created through an administrator's connection; the schema is migrated as
 * the tenant's own user, so its tables belong to it.
 */
public final class TenantDatabase {

    private TenantDatabase() {}

    /**
     * @param admin a role that may create roles and databases, on the tenant's server
     * @param tenantDataSource the tenant's pool, opened after the database exists
     * @return what was created, for the operator (empty when everything was already there)
     */
    public static List<String> init(TenantConfig tenant, PostgresSettings admin, TenantDataSource tenantDataSource)
            throws SQLException {
        List<String> created = new ArrayList<>();
        PostgresSettings target = tenant.postgres();
        PostgresSettings maintenance =
                new PostgresSettings(target.host(), target.port(), "postgres", admin.user(), admin.password());
        try (Connection connection = connect(maintenance)) {
            if (tenant.isolation() == Isolation.DATABASE) {
                boolean ownUser = !target.user().equals(admin.user());
                if (ownUser && !exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", target.user())) {
                    if (target.password().isEmpty()) {
                        throw new SQLException("tenant " + tenant.id() + ": role " + target.user()
                                + " does not exist and no password is configured for it (postgres.password_env)");
                    }
                    execute(
                            connection,
                            "SELECT format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE', ?)",
                            target.user());
                    // Sent as a client-side SCRAM hash: the password never appears in a statement PostgreSQL
                    // might log.
                    connection
                            .unwrap(PGConnection.class)
                            .alterUserPassword(target.user(), target.password().toCharArray(), "scram-sha-256");
                    created.add("role " + target.user());
                }
                if (!exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", target.database())) {
                    execute(
                            connection,
                            "SELECT format('CREATE DATABASE %I OWNER %I', ?, ?)",
                            target.database(),
                            target.user());
                    created.add("database " + target.database());
                }
                // Only the tenant's role (and superusers) may connect: PUBLIC holds CONNECT by default.
                execute(connection, "SELECT format('REVOKE CONNECT ON DATABASE %I FROM PUBLIC', ?)", target.database());
                execute(
                        connection,
                        "SELECT format('GRANT CONNECT ON DATABASE %I TO %I', ?, ?)",
                        target.database(),
                        target.user());
            }
        }
        PostgresSettings adminOnTarget =
                new PostgresSettings(target.host(), target.port(), target.database(), admin.user(), admin.password());
        try (Connection connection = connect(adminOnTarget);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE EXTENSION IF NOT EXISTS vector");
        }
        SchemaMigrator.migrate(tenantDataSource.open(tenant));
        return created;
    }

    /** The tenant's own pool, opened once its database exists. */
    @FunctionalInterface
    public interface TenantDataSource {
        DataSource open(TenantConfig tenant);
    }

    private static Connection connect(PostgresSettings settings) throws SQLException {
        return DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
    }

    private static boolean exists(Connection connection, String sql, String name) throws SQLException {
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
    private static void execute(Connection connection, String formatSql, String... values) throws SQLException {
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
