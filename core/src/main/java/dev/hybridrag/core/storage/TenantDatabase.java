package dev.hybridrag.core.storage;

import dev.hybridrag.core.tenant.Isolation;
import dev.hybridrag.core.tenant.PostgresSettings;
import dev.hybridrag.core.tenant.TenantConfig;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepares a tenant's PostgreSQL, what operators did by hand with docker exec and psql; safe to run again. Also
 * drops a tenant.
 *
 * <ul>
 *   <li>Database mode: a login role for the tenant (when its user is not the administrator), the database owned by
 *       it and closed to every other role ({@code CONNECT} revoked from {@code PUBLIC}), the {@code vector}
 *       extension, and the schema, migrated as the tenant's role so its tables belong to it.
 *   <li>Workspace mode: the extension and the schema in the shared database. When the tenant connects as a role of
 *       its own (the shared database's application role), the role is created without superuser or BYPASSRLS, the
 *       schema is migrated as the administrator, who keeps the tables, and the role is granted their rows only, so
 *       row-level security holds it (docs/isolation.md).
 * </ul>
 */
public final class TenantDatabase {

    private static final Logger log = LoggerFactory.getLogger(TenantDatabase.class);

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
        boolean ownUser = !target.user().equals(admin.user());
        boolean sharedRole = tenant.isolation() == Isolation.WORKSPACE && ownUser;
        try (Connection connection = AdminSql.connect(maintenance(target, admin))) {
            if (tenant.isolation() == Isolation.DATABASE) {
                if (ownUser
                        && !AdminSql.exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", target.user())) {
                    if (target.password().isEmpty()) {
                        throw new SQLException("tenant " + tenant.id() + ": role " + target.user()
                                + " does not exist and no password is configured for it (postgres.password_env)");
                    }
                    AdminSql.execute(
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
                if (!AdminSql.exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", target.database())) {
                    AdminSql.execute(
                            connection,
                            "SELECT format('CREATE DATABASE %I OWNER %I', ?, ?)",
                            target.database(),
                            target.user());
                    created.add("database " + target.database());
                }
                // Only the tenant's role (and superusers) may connect: PUBLIC holds CONNECT by default.
                AdminSql.execute(
                        connection, "SELECT format('REVOKE CONNECT ON DATABASE %I FROM PUBLIC', ?)", target.database());
                AdminSql.execute(
                        connection,
                        "SELECT format('GRANT CONNECT ON DATABASE %I TO %I', ?, ?)",
                        target.database(),
                        target.user());
            } else if (sharedRole) {
                created.addAll(SharedDatabaseRole.ensure(connection, target));
            }
        }
        PostgresSettings adminOnTarget = onTarget(target, admin);
        try (Connection connection = AdminSql.connect(adminOnTarget);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE EXTENSION IF NOT EXISTS vector");
            updateVector(connection).ifPresent(created::add);
        }
        if (sharedRole) {
            SchemaMigrator.migrate(AdminSql.dataSource(adminOnTarget));
            try (Connection connection = AdminSql.connect(adminOnTarget)) {
                SharedDatabaseRole.grant(connection, target.database(), target.user());
            }
        } else {
            SchemaMigrator.migrate(tenantDataSource.open(tenant));
        }
        return created;
    }

    /**
     * A database made before pgvector's files were upgraded keeps the old version until told; only its owner or a
     * superuser may tell it, so a login that may not is warned about, never failed (the old version still works).
     */
    private static Optional<String> updateVector(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("""
                        SELECT e.extversion, a.default_version FROM pg_extension e
                        JOIN pg_available_extensions a ON a.name = e.extname
                        WHERE e.extname = 'vector' AND e.extversion <> a.default_version""")) {
            if (!rows.next()) {
                return Optional.empty();
            }
            String from = rows.getString(1);
            String to = rows.getString(2);
            try (Statement update = connection.createStatement()) {
                update.execute("ALTER EXTENSION vector UPDATE");
                return Optional.of("vector " + from + " updated to " + to);
            } catch (SQLException e) {
                log.warn(
                        "pgvector stays at {} in {} (installed: {}): {}",
                        from,
                        connection.getCatalog(),
                        to,
                        e.getMessage());
                return Optional.empty();
            }
        }
    }

    /**
     * Removes one tenant. Database mode: its database and, when no other tenant uses it, its role; when another
     * configured tenant shares the database, only this tenant's rows. Workspace mode: its rows in the shared tables,
     * deleted through its own workspace (row-level security keeps the statement to them).
     *
     * @param sharesDatabase whether another configured tenant uses the same database
     * @param sharesRole whether another configured tenant logs in as the same role
     * @return what was removed, for the operator
     */
    public static List<String> drop(
            TenantConfig tenant,
            PostgresSettings admin,
            TenantDataSource tenantDataSource,
            boolean sharesDatabase,
            boolean sharesRole)
            throws SQLException {
        PostgresSettings target = tenant.postgres();
        if (tenant.isolation() == Isolation.WORKSPACE || sharesDatabase) {
            return deleteRows(tenantDataSource.open(tenant), tenant.workspace());
        }
        List<String> removed = new ArrayList<>();
        try (Connection connection = AdminSql.connect(maintenance(target, admin))) {
            if (AdminSql.exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", target.database())) {
                AdminSql.execute(connection, "SELECT format('DROP DATABASE %I WITH (FORCE)', ?)", target.database());
                removed.add("database " + target.database());
            }
            boolean ownUser = !target.user().equals(admin.user());
            if (ownUser
                    && !sharesRole
                    && AdminSql.exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", target.user())) {
                AdminSql.execute(connection, "SELECT format('DROP ROLE %I', ?)", target.user());
                removed.add("role " + target.user());
            }
        }
        return removed;
    }

    private static List<String> deleteRows(DataSource tenantRows, String workspace) throws SQLException {
        List<String> removed = new ArrayList<>();
        try (Connection connection = tenantRows.getConnection()) {
            connection.setAutoCommit(false);
            try {
                for (String table : workspaceTables(connection)) {
                    // Both walls: the WHERE, and the policies (which alone would not stop a role that bypasses them).
                    try (PreparedStatement statement =
                            connection.prepareStatement("DELETE FROM " + table + " WHERE workspace = ?")) {
                        statement.setString(1, workspace);
                        removed.add(statement.executeUpdate() + " " + table + " rows");
                    }
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
        return removed;
    }

    /**
     * Every table with a {@code workspace} column: tables a later migration adds first (they may refer to the known
     * ones), then the known ones, children before parents.
     */
    private static List<String> workspaceTables(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT c.relname FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
                WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r'
                  AND a.attname = 'workspace' AND NOT a.attisdropped
                ORDER BY c.relname""");
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                if (!TenantArchive.TABLES.contains(rows.getString(1))) {
                    tables.add(rows.getString(1));
                }
            }
        }
        tables.addAll(TenantArchive.TABLES.reversed());
        return tables;
    }

    private static PostgresSettings maintenance(PostgresSettings target, PostgresSettings admin) {
        return new PostgresSettings(target.host(), target.port(), "postgres", admin.user(), admin.password());
    }

    /**
     * Connections as the owner of the tenant's tables, who alone may add an index to them (docs/embeddings.md): the
     * administrator for a shared database behind an application role, else the tenant's own login.
     */
    public static DataSource tableOwner(
            TenantConfig tenant, PostgresSettings admin, TenantDataSource tenantDataSource) {
        boolean sharedRole = tenant.isolation() == Isolation.WORKSPACE
                && !tenant.postgres().user().equals(admin.user());
        return sharedRole ? AdminSql.dataSource(onTarget(tenant.postgres(), admin)) : tenantDataSource.open(tenant);
    }

    private static PostgresSettings onTarget(PostgresSettings target, PostgresSettings admin) {
        return new PostgresSettings(target.host(), target.port(), target.database(), admin.user(), admin.password());
    }

    /** The tenant's own pool, opened once its database exists. */
    @FunctionalInterface
    public interface TenantDataSource {
        DataSource open(TenantConfig tenant);
    }
}
