package dev.hybridrag.core.storage;

import dev.hybridrag.core.tenant.PostgresSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;

/**
 * The role services use for a shared (workspace-mode) database: a login that row-level security holds. It is no
 * superuser and has no BYPASSRLS, and it owns nothing: the tables belong to the administrator who migrated them, so
 * the role cannot switch their policies off; it gets only reading and writing rows.
 */
final class SharedDatabaseRole {

    private SharedDatabaseRole() {}

    /**
     * Creates the role when it is missing (password sent as a SCRAM hash), or refuses one that could bypass the
     * policies.
     *
     * @param maintenance an administrator's connection to the server
     * @return what was created
     */
    static List<String> ensure(Connection maintenance, PostgresSettings login) throws SQLException {
        List<String> created = new ArrayList<>();
        try (PreparedStatement statement =
                maintenance.prepareStatement("SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = ?")) {
            statement.setString(1, login.user());
            try (ResultSet rows = statement.executeQuery()) {
                if (rows.next()) {
                    if (rows.getBoolean(1)) {
                        throw new SQLException("role " + login.user() + " is a superuser or has BYPASSRLS, so"
                                + " row-level security would not hold it; give the shared database's tenants a role"
                                + " of their own (HYBRIDRAG_APP_USER, docs/isolation.md)");
                    }
                    return created;
                }
            }
        }
        if (login.password().isEmpty()) {
            throw new SQLException("role " + login.user() + " does not exist and no password is configured for it");
        }
        AdminSql.execute(
                maintenance,
                "SELECT format('CREATE ROLE %I LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE', ?)",
                login.user());
        maintenance
                .unwrap(PGConnection.class)
                .alterUserPassword(login.user(), login.password().toCharArray(), "scram-sha-256");
        created.add("role " + login.user());
        return created;
    }

    /**
     * Lets the role in: connect, read and write the tenant tables' rows (which the policies filter), read the schema
     * history (services check it at start). Run again after every migration, which may add tables.
     *
     * @param target an administrator's connection to the shared database
     */
    static void grant(Connection target, String database, String role) throws SQLException {
        AdminSql.execute(
                target, "SELECT format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO %I', ?, ?)", database, role);
        AdminSql.execute(target, "SELECT format('GRANT USAGE ON SCHEMA %I TO %I', current_schema(), ?)", role);
        // Each table of the schema, and whether it holds tenant rows (has a workspace column).
        Map<String, Boolean> tables = new LinkedHashMap<>();
        try (PreparedStatement statement = target.prepareStatement("""
                SELECT c.relname, EXISTS (SELECT 1 FROM pg_attribute a
                                          WHERE a.attrelid = c.oid AND a.attname = 'workspace' AND NOT a.attisdropped)
                FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r'
                """);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                tables.put(rows.getString(1), rows.getBoolean(2));
            }
        }
        for (Map.Entry<String, Boolean> table : tables.entrySet()) {
            String privileges = table.getValue() ? "SELECT, INSERT, UPDATE, DELETE" : "SELECT";
            AdminSql.execute(
                    target, "SELECT format('GRANT " + privileges + " ON TABLE %I TO %I', ?, ?)", table.getKey(), role);
        }
    }
}
