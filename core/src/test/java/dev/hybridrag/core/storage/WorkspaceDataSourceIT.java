package dev.hybridrag.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.hybridrag.core.tenant.ApiKeys;
import dev.hybridrag.core.tenant.Isolation;
import dev.hybridrag.core.tenant.ModelSettings;
import dev.hybridrag.core.tenant.PostgresSettings;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.core.tenant.TenantId;
import dev.hybridrag.core.testing.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two workspace-mode tenants sharing a pool of one connection, logged in as the application role {@code backend
 * init} creates: whichever tenant used the connection last, the next one sees its own rows only.
 */
class WorkspaceDataSourceIT {

    private final String role =
            "app_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private final Databases databases = new Databases(2);
    private TestPostgres postgres;
    private HikariDataSource pool;
    private DataSource alpha;
    private DataSource beta;

    @BeforeEach
    void prepare() throws Exception {
        postgres = new TestPostgres();
        PostgresSettings admin = postgres.settings();
        PostgresSettings app = new PostgresSettings(admin.host(), admin.port(), admin.database(), role, "pw-" + role);
        TenantConfig alphaTenant = tenant("alpha", app);
        List<String> created = TenantDatabase.init(
                alphaTenant,
                new PostgresSettings(admin.host(), admin.port(), "postgres", admin.user(), admin.password()),
                t -> databases.dataSource(t.postgres()));
        assertThat(created).containsExactly("role " + role);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(app.jdbcUrl());
        config.setUsername(app.user());
        config.setPassword(app.password());
        config.setMaximumPoolSize(1); // every use takes the same connection
        pool = new HikariDataSource(config);
        alpha = new WorkspaceDataSource(pool, "alpha");
        beta = new WorkspaceDataSource(pool, "beta");
    }

    @AfterEach
    void drop() throws SQLException {
        pool.close();
        databases.close();
        postgres.close();
        try (Connection connection = DriverManager.getConnection(
                        System.getProperty("it.postgres.url", "jdbc:postgresql://127.0.0.1:5433/hybridrag"),
                        postgres.settings().user(),
                        postgres.settings().password());
                Statement sql = connection.createStatement()) {
            sql.execute("DROP ROLE IF EXISTS " + role);
        }
    }

    @Test
    void aPooledConnectionSeesTheRowsOfWhoeverTookItLast() throws Exception {
        insertDocument(alpha, "alpha", "a.md");
        insertDocument(beta, "beta", "b.md");

        assertThat(paths(alpha)).containsExactly("a.md");
        assertThat(paths(beta)).containsExactly("b.md");
        try (Connection connection = alpha.getConnection()) {
            connection.setAutoCommit(false);
            paths(connection);
            connection.rollback();
        }
        assertThat(paths(beta))
                .as("a rollback does not bring back the last workspace")
                .containsExactly("b.md");
        assertThatThrownBy(() -> insertDocument(alpha, "beta", "planted.md"))
                .hasMessageContaining("row-level security");
        try (Connection raw = DriverManager.getConnection(postgres.settings().jdbcUrl(), role, "pw-" + role);
                Statement sql = raw.createStatement();
                ResultSet rows = sql.executeQuery("SELECT count(*) FROM documents")) {
            rows.next();
            assertThat(rows.getInt(1)).as("a session that set no workspace").isZero();
        }
    }

    private static void insertDocument(DataSource tenant, String workspace, String path) throws SQLException {
        try (Connection connection = tenant.getConnection();
                PreparedStatement sql = connection.prepareStatement("INSERT INTO documents (workspace, path,"
                        + " content_hash, size_bytes, mtime, version, status) VALUES (?, ?, 'h', 1, now(), 1,"
                        + " 'processed')")) {
            sql.setString(1, workspace);
            sql.setString(2, path);
            sql.executeUpdate();
        }
    }

    private static List<String> paths(DataSource tenant) throws SQLException {
        try (Connection connection = tenant.getConnection()) {
            return paths(connection);
        }
    }

    // No WHERE: what the connection shows is the policies' doing alone.
    private static List<String> paths(Connection connection) throws SQLException {
        List<String> paths = new ArrayList<>();
        try (Statement sql = connection.createStatement();
                ResultSet rows = sql.executeQuery("SELECT path FROM documents ORDER BY path")) {
            while (rows.next()) {
                paths.add(rows.getString(1));
            }
        }
        return paths;
    }

    private static TenantConfig tenant(String id, PostgresSettings postgres) {
        return new TenantConfig(
                TenantId.of(id), Isolation.WORKSPACE, postgres, List.of(), ModelSettings.offline(), ApiKeys.none());
    }
}
