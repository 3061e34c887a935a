package dev.hybridrag.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hybridrag.core.tenant.ApiKeys;
import dev.hybridrag.core.tenant.Isolation;
import dev.hybridrag.core.tenant.ModelSettings;
import dev.hybridrag.core.tenant.PostgresSettings;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.core.tenant.TenantId;
import dev.hybridrag.core.testing.TestPostgres;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code backend init} for database-mode tenants: a role per tenant that reaches only its own database. */
class TenantDatabaseIT {

    private final String adminUrl = System.getProperty("it.postgres.url", "jdbc:postgresql://127.0.0.1:5433/hybridrag");
    private final String adminUser = System.getProperty("it.postgres.user", "hybridrag");
    private final String adminPassword = System.getProperty("it.postgres.password", "hybridrag");
    private final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private final Databases databases = new Databases(2);

    @AfterEach
    void dropEverything() throws SQLException {
        databases.close();
        try (Connection connection = DriverManager.getConnection(adminUrl, adminUser, adminPassword);
                Statement sql = connection.createStatement()) {
            for (String name : List.of("iso_a_" + suffix, "iso_b_" + suffix)) {
                sql.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                sql.execute("DROP ROLE IF EXISTS " + name);
            }
        }
    }

    @Test
    void eachTenantGetsADatabaseOnlyItsRoleCanReach() throws Exception {
        TenantConfig a = tenant("iso_a_" + suffix, "pw-a-" + suffix);
        TenantConfig b = tenant("iso_b_" + suffix, "pw-b-" + suffix);

        assertThat(init(a)).containsExactly("role iso_a_" + suffix, "database iso_a_" + suffix);
        assertThat(init(b)).hasSize(2);
        assertThat(init(a)).as("a second run creates nothing").isEmpty();
        try (Connection admin = DriverManager.getConnection(adminUrl, adminUser, adminPassword);
                Statement sql = admin.createStatement();
                ResultSet rows = sql.executeQuery("SELECT rolpassword FROM pg_authid WHERE rolname = '"
                        + a.postgres().user() + "'")) {
            rows.next();
            assertThat(rows.getString(1))
                    .as("stored as a SCRAM hash, sent hashed")
                    .startsWith("SCRAM-SHA-256$");
        }

        try (Connection own = connect(a.postgres());
                Statement sql = own.createStatement();
                ResultSet rows = sql.executeQuery(
                        "SELECT tableowner FROM pg_tables WHERE schemaname = 'public' AND tablename = 'chunks'")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo(a.postgres().user());
        }
        PostgresSettings aIntoB = new PostgresSettings(
                a.postgres().host(),
                a.postgres().port(),
                b.postgres().database(),
                a.postgres().user(),
                a.postgres().password());
        assertThatThrownBy(() -> connect(aIntoB).close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("permission denied");
        try (Connection own = connect(a.postgres());
                Statement sql = own.createStatement();
                ResultSet rows = sql.executeQuery("SELECT rolsuper OR rolcreatedb OR rolcreaterole FROM pg_roles"
                        + " WHERE rolname = current_user")) {
            rows.next();
            assertThat(rows.getBoolean(1))
                    .as("the tenant role has no administrative rights")
                    .isFalse();
        }
    }

    @Test
    void aWorkspaceTenantGetsTheSchemaInTheSharedDatabase() throws Exception {
        try (TestPostgres shared = new TestPostgres()) {
            TenantConfig tenant = new TenantConfig(
                    TenantId.of("shared_" + suffix),
                    Isolation.WORKSPACE,
                    shared.settings(),
                    List.of(),
                    ModelSettings.offline(),
                    ApiKeys.none());

            assertThat(init(tenant)).isEmpty();

            try (Connection connection = shared.connect();
                    Statement sql = connection.createStatement();
                    ResultSet rows = sql.executeQuery("SELECT count(*) FROM pg_tables WHERE tablename = 'entities'")) {
                rows.next();
                assertThat(rows.getInt(1)).isEqualTo(1);
            }
        }
    }

    private List<String> init(TenantConfig tenant) throws SQLException {
        PostgresSettings admin = new PostgresSettings(
                tenant.postgres().host(), tenant.postgres().port(), "postgres", adminUser, adminPassword);
        return TenantDatabase.init(tenant, admin, t -> databases.dataSource(t.postgres()));
    }

    private TenantConfig tenant(String name, String password) {
        URI uri = URI.create(adminUrl.substring("jdbc:".length()));
        return new TenantConfig(
                TenantId.of(name),
                Isolation.DATABASE,
                new PostgresSettings(uri.getHost(), uri.getPort(), name, name, password),
                List.of(),
                ModelSettings.offline(),
                ApiKeys.none());
    }

    private static Connection connect(PostgresSettings settings) throws SQLException {
        return DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
    }
}
