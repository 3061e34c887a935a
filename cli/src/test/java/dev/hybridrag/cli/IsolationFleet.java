package dev.hybridrag.cli;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.config.Environment;
import dev.hybridrag.core.kafka.KafkaClients;
import dev.hybridrag.core.storage.Databases;
import dev.hybridrag.core.tenant.PostgresSettings;
import dev.hybridrag.core.tenant.TenantRegistry;
import dev.hybridrag.core.testing.FakeOpenAiServer;
import dev.hybridrag.core.testing.TestKafka;
import dev.hybridrag.core.testing.TestPostgres;
import dev.hybridrag.core.testing.TestPostgresCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the isolation suite runs against: two PostgreSQL servers (the test server and a second cluster of its own),
 * six tenants (two in each mode on the first server, one in each mode on the second), each with its own document
 * under the same path, its own API key, and the whole fleet (watcher, extractor, indexer, query-service) serving
 * them from one tenants.yaml, as {@code ./hybridrag up --tenants} would. A seventh tenant, configured but not
 * served, is for {@code tenant create}.
 */
final class IsolationFleet implements AutoCloseable {

    /** A tenant as the suite knows it: where it lives, its key, and the words only its document holds. */
    record Tenant(String id, boolean databaseMode, int server, String codename, String marker, String key) {
        String keysVariable() {
            return "KEYS_" + id.toUpperCase();
        }
    }

    final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    final String appRole = "app_" + suffix;
    final String appPassword = "app-pw-" + suffix;
    final String adminUser = System.getProperty("it.postgres.user", "hybridrag");
    final String adminPassword = System.getProperty("it.postgres.password", "hybridrag");
    final List<Tenant> tenants = new ArrayList<>();
    final Tenant unserved;
    final Map<String, String> environment = new HashMap<>();
    final TestPostgres shared1;
    final TestPostgresCluster server2;
    final PostgresSettings shared2;
    private final TestKafka kafka;
    private final FakeOpenAiServer embeddings;
    private final Path root;
    private RunningServices services;
    private Infrastructure infra;
    private String baseUrl;

    IsolationFleet(Path root) throws Exception {
        this.root = root;
        String[][] layout = {
            {"ws_a", "w", "1", "Aldebaran"}, {"ws_b", "w", "1", "Betelgeuse"}, {"db_a", "d", "1", "Canopus"},
            {"db_b", "d", "1", "Deneb"}, {"ws_c", "w", "2", "Electra"}, {"db_c", "d", "2", "Fomalhaut"}
        };
        for (String[] t : layout) {
            String id = t[0] + "_" + suffix;
            tenants.add(new Tenant(
                    id, t[1].equals("d"), Integer.parseInt(t[2]), t[3], "marker" + t[3].toLowerCase(), "key-" + id));
        }
        unserved = new Tenant("db_new_" + suffix, true, 1, "Gacrux", "markergacrux", "key-new-" + suffix);
        kafka = new TestKafka();
        embeddings = FakeOpenAiServer.start().embeddingDimension(16);
        shared1 = new TestPostgres();
        server2 = TestPostgresCluster.start(adminUser, adminPassword);
        shared2 = server2.settings("shared");
        try (Connection admin =
                        DriverManager.getConnection(server2.settings("postgres").jdbcUrl(), adminUser, adminPassword);
                Statement sql = admin.createStatement()) {
            sql.execute("CREATE DATABASE shared");
        }
        Path yaml = writeTenantsFile();
        PostgresSettings server1 = shared1.settings();
        environment.putAll(Map.of(
                "POSTGRES_HOST",
                server1.host(),
                "POSTGRES_PORT",
                Integer.toString(server1.port()),
                "POSTGRES_DB",
                server1.database(),
                "POSTGRES_USER",
                adminUser,
                "POSTGRES_PASSWORD",
                adminPassword,
                "KAFKA_BOOTSTRAP_SERVERS",
                kafka.bootstrapServers(),
                "HYBRIDRAG_TENANTS_FILE",
                yaml.toString(),
                "HYBRIDRAG_TOPIC_PARTITIONS",
                "2",
                "APP_PASSWORD",
                appPassword,
                // The probes send dozens of refused keys from one address: each must reach the key check itself
                // rather than the failed-key throttle (HttpWallsIT proves the throttle).
                "HYBRIDRAG_HTTP_FAILED_KEYS_PER_MINUTE",
                "1000"));
        for (Tenant tenant : allTenants()) {
            environment.put(tenant.keysVariable(), tenant.key());
            environment.put("PW_" + tenant.id().toUpperCase(), "pw-" + tenant.id());
        }
    }

    List<Tenant> allTenants() {
        List<Tenant> all = new ArrayList<>(tenants);
        all.add(unserved);
        return all;
    }

    /** The environment of processes that serve (or administer) the six tenants, not the unserved one. */
    Map<String, String> servedEnvironment() {
        Map<String, String> served = new HashMap<>(environment);
        served.put(
                "HYBRIDRAG_ONLY",
                String.join(",", tenants.stream().map(Tenant::id).toList()));
        return served;
    }

    /** Prepares the six tenants with {@code backend init}, then starts the fleet and returns query-service's URL. */
    String start() throws Exception {
        CliProcess.Result init = new CliProcess(servedEnvironment()).run("backend", "init", "--all");
        if (init.exitCode() != 0) {
            throw new IllegalStateException("backend init failed:\n" + init.output());
        }
        Map<String, String> settings = servedEnvironment();
        settings.put("HYBRIDRAG_QUERY_PORT", "0");
        settings.put("HYBRIDRAG_DEBOUNCE_MS", "100");
        Environment env = new Environment(settings);
        infra = new Infrastructure(
                env,
                TenantRegistry.fromEnvironment(env),
                new KafkaClients(kafka.bootstrapServers()),
                new Databases(2),
                Clock.systemUTC());
        services = RunningServices.start(infra, ServiceKind.values());
        baseUrl = "http://127.0.0.1:" + services.queryPort();
        return baseUrl;
    }

    void stopServices() throws Exception {
        if (services != null) {
            services.close();
            services = null;
        }
        if (infra != null) {
            infra.close();
            infra = null;
        }
    }

    /** The tenant's coordinates, logged in as its application role (workspace mode) or its own role. */
    PostgresSettings login(Tenant tenant) {
        PostgresSettings server = tenant.server() == 1 ? shared1.settings() : shared2;
        return tenant.databaseMode()
                ? new PostgresSettings(server.host(), server.port(), tenant.id(), tenant.id(), "pw-" + tenant.id())
                : new PostgresSettings(server.host(), server.port(), server.database(), appRole, appPassword);
    }

    /** The superuser on the tenant's database. */
    PostgresSettings admin(Tenant tenant) {
        PostgresSettings own = login(tenant);
        return new PostgresSettings(own.host(), own.port(), own.database(), adminUser, adminPassword);
    }

    private Path writeTenantsFile() throws Exception {
        StringBuilder yaml = new StringBuilder("tenants:\n");
        for (Tenant tenant : allTenants()) {
            Path folder = Files.createDirectories(root.resolve(tenant.id()));
            // The same path in every tenant, with different content; and one file identical everywhere.
            Files.writeString(
                    folder.resolve("notes.md"),
                    "# Notes\n\n" + tenant.codename() + " keeps the " + tenant.marker() + " ledger. "
                            + tenant.codename() + " meets Orion at the harbour. Orion reads the " + tenant.marker()
                            + " ledger with " + tenant.codename() + ".\n");
            Files.writeString(
                    folder.resolve("common.md"), "# Common\n\nOrion guards the harbour. Orion and Vega share it.\n");
            PostgresSettings server = tenant.server() == 1 ? shared1.settings() : shared2;
            String postgres = tenant.databaseMode()
                    ? "{host: %s, port: %d, database: %s, user: %s, password_env: PW_%s}"
                            .formatted(
                                    server.host(),
                                    server.port(),
                                    tenant.id(),
                                    tenant.id(),
                                    tenant.id().toUpperCase())
                    : "{host: %s, port: %d, database: %s, user: %s, password_env: APP_PASSWORD}"
                            .formatted(server.host(), server.port(), server.database(), appRole);
            yaml.append("  - id: ").append(tenant.id()).append('\n');
            yaml.append("    isolation: ")
                    .append(tenant.databaseMode() ? "database" : "workspace")
                    .append('\n');
            yaml.append("    postgres: ").append(postgres).append('\n');
            yaml.append("    watch: [{root: ./").append(tenant.id()).append("}]\n");
            yaml.append("    embedding: {provider: compatible, model: fake-embedding, base_url: ")
                    .append(embeddings.baseUrl())
                    .append(", dim: 16}\n");
            yaml.append("    api_keys_env: ").append(tenant.keysVariable()).append('\n');
        }
        return Files.writeString(root.resolve("tenants.yaml"), yaml.toString());
    }

    @Override
    public void close() throws Exception {
        stopServices();
        try {
            shared1.close();
        } finally {
            try (Connection admin = DriverManager.getConnection(
                            new PostgresSettings(
                                            shared1.settings().host(),
                                            shared1.settings().port(),
                                            "postgres",
                                            adminUser,
                                            adminPassword)
                                    .jdbcUrl(),
                            adminUser,
                            adminPassword);
                    Statement sql = admin.createStatement()) {
                for (Tenant tenant : allTenants()) {
                    if (tenant.server() == 1 && tenant.databaseMode()) {
                        sql.execute("DROP DATABASE IF EXISTS " + tenant.id() + " WITH (FORCE)");
                        sql.execute("DROP ROLE IF EXISTS " + tenant.id());
                    }
                }
                sql.execute("DROP ROLE IF EXISTS " + appRole);
            } catch (SQLException e) {
                // the server may have gone; nothing more to clean
            }
            server2.close();
            embeddings.close();
            kafka.close();
        }
    }
}
