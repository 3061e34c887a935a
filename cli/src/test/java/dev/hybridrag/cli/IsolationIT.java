package dev.hybridrag.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.hybridrag.cli.IsolationFleet.Tenant;
import dev.hybridrag.core.storage.TenantArchive;
import dev.hybridrag.core.tenant.PostgresSettings;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The isolation suite (docs/isolation.md lists what it tries and what each check proves): six tenants, both modes,
 * two servers, one fleet; every way in (HTTP, API keys, CLI, SQL as the application role) must show a tenant its own
 * rows and nothing of the others', and dropping one tenant must leave the others as they were.
 */
@TestMethodOrder(OrderAnnotation.class)
class IsolationIT {

    @TempDir
    static Path root;

    private static IsolationFleet fleet;
    private static String baseUrl;

    @BeforeAll
    static void start() throws Exception {
        fleet = new IsolationFleet(root);
        baseUrl = fleet.start();
        await().atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    for (Tenant tenant : fleet.tenants) {
                        Http.Response status =
                                Http.get(baseUrl + "/v1/tenants/" + tenant.id() + "/status", tenant.key());
                        assertThat(status.body()).as(tenant.id()).contains("\"processed\":2");
                        assertThat(status.body()).contains("\"graph_keys_settling\":0");
                        assertThat(status.body()).doesNotContain("\"entities\":0");
                    }
                });
    }

    @AfterAll
    static void stop() throws Exception {
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    @Order(1)
    void everyTenantTableHasForcedRowLevelSecurityAndTheApplicationRoleCannotBypassIt() throws Exception {
        List<PostgresSettings> databases = new ArrayList<>();
        fleet.tenants.forEach(tenant -> databases.add(fleet.admin(tenant)));
        for (PostgresSettings database : databases) {
            try (Connection admin = connect(database);
                    Statement sql = admin.createStatement();
                    ResultSet rows = sql.executeQuery("""
                            SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity,
                                   (SELECT count(*) FROM pg_policy p WHERE p.polrelid = c.oid)
                            FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'workspace'
                            WHERE c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace""")) {
                List<String> tables = new ArrayList<>();
                while (rows.next()) {
                    tables.add(rows.getString(1));
                    assertThat(rows.getBoolean(2))
                            .as(database + " " + rows.getString(1))
                            .isTrue();
                    assertThat(rows.getBoolean(3))
                            .as(database + " " + rows.getString(1) + " forced")
                            .isTrue();
                    assertThat(rows.getInt(4))
                            .as(database + " " + rows.getString(1) + " policy")
                            .isEqualTo(1);
                }
                assertThat(tables).containsAll(TenantArchive.TABLES);
            }
        }
        for (Tenant tenant : List.of(tenant("ws_a"), tenant("ws_c"))) {
            try (Connection admin = connect(fleet.admin(tenant));
                    PreparedStatement sql = admin.prepareStatement("""
                            SELECT rolsuper, rolbypassrls, rolcreaterole, rolcreatedb,
                                   (SELECT count(*) FROM pg_tables WHERE tableowner = rolname)
                            FROM pg_roles WHERE rolname = ?""")) {
                sql.setString(1, fleet.appRole);
                try (ResultSet role = sql.executeQuery()) {
                    assertThat(role.next())
                            .as("the application role exists on server " + tenant.server())
                            .isTrue();
                    for (int column = 1; column <= 4; column++) {
                        assertThat(role.getBoolean(column))
                                .as("privilege " + column)
                                .isFalse();
                    }
                    assertThat(role.getInt(5))
                            .as("tables it owns (and could unprotect)")
                            .isZero();
                }
            }
        }
    }

    @Test
    @Order(2)
    void queriesAndApiCallsAnswerFromTheTenantsOwnRowsOnly() throws Exception {
        for (Tenant tenant : fleet.tenants) {
            String tenantUrl = baseUrl + "/v1/tenants/" + tenant.id();
            List<String> bodies = new ArrayList<>();
            for (String mode : List.of("naive", "local", "global", "hybrid", "mix")) {
                Http.Response answer = Http.post(
                        tenantUrl + "/query",
                        tenant.key(),
                        "{\"query\": \"Who keeps the ledger with Orion?\", \"mode\": \"" + mode
                                + "\", \"only_need_context\": true}");
                assertThat(answer.status()).as(tenant.id() + " " + mode).isEqualTo(200);
                bodies.add(answer.body());
            }
            assertThat(String.join("\n", bodies))
                    .as("the tenant's own document is found, so the checks below can fail")
                    .contains(tenant.marker());
            bodies.add(Http.get(tenantUrl + "/documents", tenant.key()).body());
            bodies.add(Http.get(tenantUrl + "/status", tenant.key()).body());
            bodies.add(Http.get(tenantUrl + "/graph/entities/orion?depth=3", tenant.key())
                    .body());
            Http.Response own = Http.get(tenantUrl + "/graph/entities?q=" + tenant.codename(), tenant.key());
            assertThat(own.body()).contains(tenant.codename());
            for (Tenant other : others(tenant)) {
                Http.Response search = Http.get(tenantUrl + "/graph/entities?q=" + other.codename(), tenant.key());
                assertThat(search.body())
                        .as(tenant.id() + " searching " + other.id())
                        .contains("\"entities\":[]");
                assertThat(Http.get(tenantUrl + "/graph/entities/" + other.codename(), tenant.key())
                                .status())
                        .isEqualTo(404);
                for (String body : bodies) {
                    assertThat(body)
                            .as(tenant.id() + " must not show " + other.id())
                            .doesNotContain(other.marker())
                            .doesNotContain(other.codename())
                            .doesNotContain(other.id());
                }
            }
        }
    }

    @Test
    @Order(3)
    void aKeyOpensItsOwnTenantOnlyAndProbesFindNothing() throws Exception {
        Tenant a = tenant("ws_a");
        Map<String, Long> before = counts();
        String refusedForA =
                Http.get(baseUrl + "/v1/tenants/no_such_tenant/status", a.key()).body();
        for (Tenant other : others(a)) {
            Http.Response crossed = Http.get(baseUrl + "/v1/tenants/" + other.id() + "/status", a.key());
            assertThat(crossed.status()).as("A's key on " + other.id()).isEqualTo(403);
            assertThat(crossed.body())
                    .as("the same refusal whether the tenant exists or not")
                    .isEqualTo(refusedForA)
                    .doesNotContain(other.id());
            assertThat(Http.get(baseUrl + "/v1/tenants/" + other.id() + "/status", null)
                            .status())
                    .isEqualTo(401);
            assertThat(Http.get(baseUrl + "/v1/tenants/" + other.id() + "/status", other.key() + "x")
                            .status())
                    .isEqualTo(401);
            assertThat(Http.get(baseUrl + "/v1/tenants/" + other.id() + "/status", other.key())
                            .status())
                    .isEqualTo(200);
        }
        Tenant b = tenant("ws_b");
        List<String> probes = List.of(
                "/v1/tenants/../" + b.id() + "/status",
                "/v1/tenants/%2e%2e/" + b.id() + "/status",
                "/v1/tenants/" + a.id() + "/../" + b.id() + "/status",
                "/v1/tenants/" + a.id() + "/%2e%2e/" + b.id() + "/documents",
                "/v1/tenants/" + a.id() + "%2F..%2F" + b.id() + "/status",
                "/v1/tenants/" + a.id() + "/graph/entities/..%2F..%2F" + b.id() + "%2Fstatus",
                "/v1/tenants/" + a.id() + "%27%20OR%20%271%27%3D%271/status",
                "/v1/tenants/" + a.id() + "%3BDROP%20TABLE%20documents/status",
                "/v1/tenants/" + a.id() + "%00/status",
                "/v1/tenants/%25/status",
                "/v1/tenants/*/status",
                "/v1/tenants/default/status",
                "/v1/tenants/postgres/status",
                "/v1/tenants/" + b.id().toUpperCase() + "/status",
                "/v1/tenants/" + b.id().substring(0, 4) + "/status",
                "/v1/tenants/" + b.id() + "_/status");
        for (String probe : probes) {
            for (String key : new String[] {a.key(), null}) {
                Http.Response response = Http.raw(baseUrl, "GET", probe, key);
                assertThat(response.status())
                        .as(probe + (key == null ? " without a key" : " with A's key"))
                        .isIn(400, 401, 403, 404);
                for (Tenant other : others(a)) {
                    assertThat(response.body()).doesNotContain(other.marker()).doesNotContain(other.codename());
                }
            }
        }
        assertThat(counts()).as("no probe changed a row").isEqualTo(before);
    }

    @Test
    @Order(4)
    void theApplicationRoleSeesNothingWithoutAWorkspaceAndOnlyItsWorkspaceWithOne() throws Exception {
        Tenant a = tenant("ws_a");
        Tenant b = tenant("ws_b");
        for (Tenant tenant : List.of(a, tenant("ws_c"))) {
            try (Connection app = connect(fleet.login(tenant));
                    Statement sql = app.createStatement()) {
                for (String table : TenantArchive.TABLES) {
                    assertThat(count(sql, "SELECT count(*) FROM " + table))
                            .as(table + " with no workspace set")
                            .isZero();
                }
                setWorkspace(app, "' OR '1'='1");
                assertThat(count(sql, "SELECT count(*) FROM chunks")).isZero();
                setWorkspace(app, tenant.id());
                for (String table : TenantArchive.TABLES) {
                    assertThat(count(sql, "SELECT count(*) FROM " + table))
                            .as(table)
                            .isEqualTo(ownRows(tenant, table));
                    assertThat(count(
                                    sql, "SELECT count(*) FROM " + table + " WHERE workspace <> '" + tenant.id() + "'"))
                            .isZero();
                }
                assertThat(ownRows(tenant, "chunks"))
                        .as("rows exist, so the zeros above mean something")
                        .isPositive();
            }
        }
        try (Connection app = connect(fleet.login(a));
                Statement sql = app.createStatement()) {
            setWorkspace(app, a.id());
            assertThatThrownBy(() -> sql.execute("INSERT INTO llm_cache (workspace, cache_key, extractor, result)"
                            + " VALUES ('" + b.id() + "', 'planted', 'x', 'x')"))
                    .hasMessageContaining("row-level security");
            assertThatThrownBy(() -> sql.execute("UPDATE documents SET workspace = '" + b.id() + "'"))
                    .hasMessageContaining("row-level security");
            assertThat(sql.executeUpdate("DELETE FROM documents WHERE workspace = '" + b.id() + "'"))
                    .isZero();
            assertThatThrownBy(() -> sql.execute("ALTER TABLE documents DISABLE ROW LEVEL SECURITY"))
                    .hasMessageContaining("must be owner");
            assertThatThrownBy(() -> sql.execute("DROP POLICY workspace_isolation ON documents"))
                    .hasMessageContaining("must be owner");
            assertThatThrownBy(() -> sql.execute("SET ROLE " + fleet.adminUser))
                    .hasMessageContaining("permission denied");
            sql.execute("SET row_security = off");
            assertThatThrownBy(() -> sql.executeQuery("SELECT count(*) FROM documents"))
                    .hasMessageContaining("row-level security");
        }
        assertThat(ownRows(b, "documents")).isEqualTo(2);
    }

    @Test
    @Order(5)
    void databaseModeRolesReachTheirOwnDatabaseOnly() throws Exception {
        Tenant a = tenant("db_a");
        try (Connection own = connect(fleet.login(a));
                Statement sql = own.createStatement()) {
            assertThat(count(sql, "SELECT count(*) FROM chunks"))
                    .as("the owner is held by the policies too (FORCE)")
                    .isZero();
            setWorkspace(own, a.id());
            assertThat(count(sql, "SELECT count(*) FROM chunks")).isEqualTo(ownRows(a, "chunks"));
        }
        for (Tenant other : others(a)) {
            PostgresSettings theirs = fleet.login(other);
            Map<String, PostgresSettings> attempts = new LinkedHashMap<>();
            // A's role, with B's workspace setting, on B's database (or B's shared database).
            attempts.put(
                    "A's role",
                    new PostgresSettings(theirs.host(), theirs.port(), theirs.database(), a.id(), "pw-" + a.id()));
            if (other.databaseMode()) {
                // The shared databases' application role on B's own database.
                attempts.put(
                        "the application role",
                        new PostgresSettings(
                                theirs.host(), theirs.port(), theirs.database(), fleet.appRole, fleet.appPassword));
            }
            for (Map.Entry<String, PostgresSettings> attempt : attempts.entrySet()) {
                PostgresSettings login = attempt.getValue();
                if (!other.databaseMode() && other.server() == a.server()) {
                    // A shared database leaves CONNECT to PUBLIC; A's role gets in but may read nothing.
                    try (Connection in = connect(login, other.id());
                            Statement sql = in.createStatement()) {
                        assertThatThrownBy(() -> sql.executeQuery("SELECT count(*) FROM chunks"))
                                .hasMessageContaining("permission denied");
                    }
                    continue;
                }
                assertThatThrownBy(() -> connect(login, other.id()).close())
                        .as(attempt.getKey() + " into " + other.id())
                        .isInstanceOf(SQLException.class);
            }
        }
    }

    @Test
    @Order(6)
    void cliCommandsShowOneTenant() throws Exception {
        Tenant a = tenant("ws_a");
        CliProcess cli = new CliProcess(fleet.servedEnvironment());
        List<String> outputs = new ArrayList<>();

        CliProcess.Result stats = cli.run("tenant", "stats", "--tenant", a.id());
        assertThat(stats.exitCode()).as(stats.output()).isZero();
        assertThat(stats.output()).contains("tenant " + a.id()).containsPattern("chunks +" + ownRows(a, "chunks"));
        outputs.add(stats.output());
        CliProcess.Result documents = cli.run("documents", "list", "--tenant", a.id());
        assertThat(documents.output()).contains("notes.md").contains("common.md");
        outputs.add(documents.output());
        Path archive = root.resolve("a.zip");
        CliProcess.Result backup = cli.run("tenant", "backup", a.id(), archive.toString());
        assertThat(backup.exitCode()).as(backup.output()).isZero();
        String archived = unzip(archive);
        assertThat(archived).contains(a.marker()).contains("workspace=" + a.id());
        outputs.add(archived);
        Map<String, Long> before = counts();
        CliProcess.Result restore = cli.run("tenant", "restore", a.id(), archive.toString());
        assertThat(restore.exitCode()).as(restore.output()).isZero();
        assertThat(counts())
                .as("a restore as the application role puts back exactly the tenant's rows")
                .isEqualTo(before);
        CliProcess.Result injected = cli.run("tenant", "stats", "--tenant", a.id() + "' OR '1'='1");
        assertThat(injected.exitCode()).isNotZero();
        outputs.add(injected.output());

        for (Tenant other : others(a)) {
            for (String output : outputs) {
                assertThat(output).doesNotContain(other.marker()).doesNotContain(other.id());
            }
        }
    }

    @Test
    @Order(7)
    void moveCopiesOneTenantIntoItsOwnDatabaseAndLeavesTheSource() throws Exception {
        Tenant a = tenant("ws_a");
        CliProcess cli = new CliProcess(fleet.servedEnvironment());
        String target = "moved_" + fleet.suffix;
        Map<String, Long> before = counts();
        try {
            CliProcess.Result moved = cli.run("tenant", "move", a.id(), "--to", "database", "--target-db", target);
            assertThat(moved.exitCode()).as(moved.output()).isZero();
            assertThat(moved.output()).contains("moved:");

            PostgresSettings source = fleet.admin(a);
            PostgresSettings copy =
                    new PostgresSettings(source.host(), source.port(), target, source.user(), source.password());
            try (Connection connection = connect(copy);
                    Statement sql = connection.createStatement()) {
                for (String table : TenantArchive.TABLES) {
                    assertThat(count(sql, "SELECT count(*) FROM " + table))
                            .as("rows of %s in the new database", table)
                            .isEqualTo(ownRows(a, table));
                }
                assertThat(count(sql, "SELECT count(*) FROM chunks WHERE content LIKE '%" + a.marker() + "%'"))
                        .isPositive();
                for (Tenant other : others(a)) {
                    assertThat(count(sql, "SELECT count(*) FROM chunks WHERE content LIKE '%" + other.marker() + "%'"))
                            .as("the copy holds nothing of " + other.id())
                            .isZero();
                }
            }
            assertThat(counts())
                    .as("the source and every other tenant as they were")
                    .isEqualTo(before);

            CliProcess.Result again = cli.run("tenant", "move", a.id(), "--to", "workspace");
            assertThat(again.exitCode()).isEqualTo(2);
            assertThat(again.output()).contains("already in database");
        } finally {
            try (Connection admin = connect(fleet.admin(tenant("db_a")));
                    Statement sql = admin.createStatement()) {
                sql.execute("DROP DATABASE IF EXISTS " + target + " WITH (FORCE)");
            }
        }

        CliProcess.Result vacuum = cli.run("tenant", "vacuum", tenant("db_a").id());
        assertThat(vacuum.exitCode()).as(vacuum.output()).isZero();
        assertThat(vacuum.output()).contains("vacuumed chunks");
    }

    @Test
    @Order(8)
    void createIsIdempotentAndDropRemovesOneTenantOnly() throws Exception {
        fleet.stopServices();
        CliProcess cli = new CliProcess(fleet.environment);
        Tenant fresh = fleet.unserved;

        CliProcess.Result created = cli.run("tenant", "create", fresh.id());
        assertThat(created.output()).contains("created role " + fresh.id(), "database " + fresh.id());
        assertThat(cli.run("tenant", "create", fresh.id()).output()).contains("ready, nothing to create");

        Tenant wsB = tenant("ws_b");
        Tenant dbB = tenant("db_b");
        Map<String, Long> before = counts();
        CliProcess.Result unconfirmed = cli.run("tenant", "drop", wsB.id());
        assertThat(unconfirmed.exitCode()).isEqualTo(2);
        assertThat(unconfirmed.output()).contains("--yes");
        assertThat(counts()).isEqualTo(before);

        // A process serving ws_b alone (HYBRIDRAG_ONLY) still sees that ws_a shares its database and role.
        Map<String, String> onlyWsB = new HashMap<>(fleet.environment);
        onlyWsB.put("HYBRIDRAG_ONLY", wsB.id());
        CliProcess.Result subset = new CliProcess(onlyWsB).run("tenant", "drop", wsB.id(), "--yes");
        assertThat(subset.exitCode()).as(subset.output()).isNotZero();
        assertThat(subset.output()).contains("not dropped", tenant("ws_a").id(), "HYBRIDRAG_ONLY");
        assertThat(counts()).isEqualTo(before);

        assertThat(cli.run("tenant", "drop", wsB.id(), "--yes").exitCode()).isZero();
        assertThat(cli.run("tenant", "drop", dbB.id(), "--yes").exitCode()).isZero();
        assertThat(cli.run("tenant", "drop", fresh.id(), "--yes").exitCode()).isZero();

        for (String table : TenantArchive.TABLES) {
            assertThat(ownRows(wsB, table)).as("ws_b " + table).isZero();
        }
        try (Connection admin = connect(fleet.admin(tenant("db_a")));
                PreparedStatement sql = admin.prepareStatement("""
                        SELECT (SELECT count(*) FROM pg_database WHERE datname IN (?, ?)),
                               (SELECT count(*) FROM pg_roles WHERE rolname IN (?, ?))""")) {
            for (int i = 1; i <= 4; i++) {
                sql.setString(i, i % 2 == 1 ? dbB.id() : fresh.id());
            }
            try (ResultSet rows = sql.executeQuery()) {
                rows.next();
                assertThat(rows.getInt(1)).as("databases left").isZero();
                assertThat(rows.getInt(2)).as("roles left").isZero();
            }
        }
        Map<String, Long> after = counts();
        before.forEach((key, rows) -> {
            if (!key.startsWith(wsB.id()) && !key.startsWith(dbB.id())) {
                assertThat(after).as(key).containsEntry(key, rows);
            }
        });
    }

    // --- helpers ---

    private static Tenant tenant(String prefix) {
        return fleet.tenants.stream()
                .filter(t -> t.id().startsWith(prefix + "_"))
                .findFirst()
                .orElseThrow();
    }

    private static List<Tenant> others(Tenant tenant) {
        return fleet.tenants.stream().filter(t -> t != tenant).toList();
    }

    /** Every served tenant's rows per table, counted by the superuser, keyed "tenant/table". */
    private static Map<String, Long> counts() throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Tenant tenant : fleet.tenants) {
            for (String table : TenantArchive.TABLES) {
                counts.put(tenant.id() + "/" + table, ownRows(tenant, table));
            }
        }
        return counts;
    }

    private static long ownRows(Tenant tenant, String table) throws SQLException {
        try (Connection admin = connect(fleet.admin(tenant));
                PreparedStatement sql =
                        admin.prepareStatement("SELECT count(*) FROM " + table + " WHERE workspace = ?")) {
            sql.setString(1, tenant.id());
            try (ResultSet rows = sql.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            } catch (SQLException e) {
                if ("3D000".equals(e.getSQLState())) {
                    return 0; // the tenant's database is gone
                }
                throw e;
            }
        } catch (SQLException e) {
            if ("3D000".equals(e.getSQLState())) {
                return 0;
            }
            throw e;
        }
    }

    private static long count(Statement sql, String query) throws SQLException {
        try (ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void setWorkspace(Connection connection, String workspace) throws SQLException {
        try (PreparedStatement sql =
                connection.prepareStatement("SELECT set_config('hybridrag.workspace', ?, false)")) {
            sql.setString(1, workspace);
            sql.execute();
        }
    }

    private static Connection connect(PostgresSettings settings) throws SQLException {
        return DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
    }

    /** Connects with the workspace already set by the connection's options, as a misconfigured client might. */
    private static Connection connect(PostgresSettings settings, String workspace) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", settings.user());
        properties.setProperty("password", settings.password());
        properties.setProperty("options", "-c hybridrag.workspace=" + workspace);
        return DriverManager.getConnection(settings.jdbcUrl(), properties);
    }

    private static String unzip(Path archive) throws Exception {
        StringBuilder text = new StringBuilder();
        try (InputStream file = Files.newInputStream(archive);
                ZipInputStream zip = new ZipInputStream(file)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                zip.transferTo(bytes);
                text.append(bytes.toString(StandardCharsets.UTF_8)).append('\n');
            }
        }
        return text.toString();
    }

    /** HTTP through the JDK client; {@link #raw} writes the request line byte for byte, so nothing normalises it. */
    private static final class Http {

        private static final HttpClient CLIENT = HttpClient.newHttpClient();

        record Response(int status, String body) {}

        static Response get(String url, String key) throws Exception {
            return send(HttpRequest.newBuilder(URI.create(url)).GET(), key);
        }

        static Response post(String url, String key, String json) throws Exception {
            return send(
                    HttpRequest.newBuilder(URI.create(url))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(json)),
                    key);
        }

        private static Response send(HttpRequest.Builder request, String key) throws Exception {
            if (key != null) {
                request.header("Authorization", "Bearer " + key);
            }
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        }

        /** The whole response after the status line (headers and body), for what it must not contain. */
        static Response raw(String base, String method, String path, String key) throws Exception {
            try (Socket socket = new Socket("127.0.0.1", URI.create(base).getPort())) {
                String request = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                        + (key == null ? "" : "Authorization: Bearer " + key + "\r\n") + "\r\n";
                socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
                socket.getOutputStream().flush();
                String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                return new Response(Integer.parseInt(response.substring(9, 12)), response.substring(12));
            }
        }
    }
}
