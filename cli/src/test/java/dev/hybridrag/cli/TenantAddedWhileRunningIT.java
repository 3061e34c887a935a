package dev.hybridrag.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.config.Environment;
import dev.hybridrag.core.kafka.KafkaClients;
import dev.hybridrag.core.storage.Databases;
import dev.hybridrag.core.tenant.PostgresSettings;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.core.tenant.TenantRegistry;
import dev.hybridrag.core.tenant.TenantsFileReloader;
import dev.hybridrag.core.testing.TestKafka;
import dev.hybridrag.core.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tenant written into tenants.yaml while the fleet runs (issue 17) is served without a restart: the services notice
 * the file changed, the watcher watches the new tenant's folder, and its file reaches its materialised graph.
 */
class TenantAddedWhileRunningIT {

    @TempDir
    Path root;

    @Test
    void aTenantAddedToTheTenantsFileGetsItsGraphWithoutARestart() throws Exception {
        try (TestKafka kafka = new TestKafka();
                TestPostgres postgres = new TestPostgres()) {
            Path tenantsFile = root.resolve("tenants.yaml");
            write(tenantsFile, postgres.settings(), "first");
            Environment environment = new Environment(java.util.Map.of(
                    "HYBRIDRAG_TENANTS_FILE",
                    tenantsFile.toString(),
                    "TEST_PG_PASSWORD",
                    postgres.settings().password(),
                    "HYBRIDRAG_DEBOUNCE_MS",
                    "100",
                    "HYBRIDRAG_QUERY_PORT",
                    "0"));
            TenantRegistry tenants = TenantRegistry.fromEnvironment(environment);
            try (Infrastructure infra = new Infrastructure(
                            environment,
                            tenants,
                            new KafkaClients(kafka.bootstrapServers()),
                            new Databases(4),
                            Clock.systemUTC());
                    RunningServices fleet = RunningServices.start(
                            infra, ServiceKind.indexer, ServiceKind.extractor, ServiceKind.watcher);
                    TenantsFileReloader reloader = new TenantsFileReloader(tenantsFile, tenants).start()) {
                note(root.resolve("first"), "Kafka carries the events of Watcher.");
                await().atMost(Duration.ofMinutes(2)).until(() -> graphIsBuilt(infra, "first"));
                assertThat(tenants.find("second")).isEmpty();

                write(tenantsFile, postgres.settings(), "first", "second"); // as an operator edits the file
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> tenants.find("second").isPresent());
                note(root.resolve("second"), "Zookeeper keeps the offsets of Indexer.");

                await().atMost(Duration.ofMinutes(2)).until(() -> graphIsBuilt(infra, "second"));
                assertThat(keys(infra, "second", "entities"))
                        .as("the added tenant's own facts, nobody else's")
                        .doesNotContainAnyElementsOf(keys(infra, "first", "entities"));
            }
        }
    }

    /** Its file's facts are in, and every entity they name is materialised (none left dirty). */
    private static boolean graphIsBuilt(Infrastructure infra, String tenant) throws Exception {
        Set<String> facts = keys(infra, tenant, "fragments WHERE kind = 'entity' AND");
        return !facts.isEmpty() && keys(infra, tenant, "entities").equals(facts);
    }

    private static Set<String> keys(Infrastructure infra, String tenant, String from) throws Exception {
        TenantConfig config = infra.tenants().require(tenant);
        String where = from.endsWith("AND") ? from + " workspace = ?" : from + " WHERE workspace = ?";
        Set<String> keys = new TreeSet<>();
        try (Connection connection = infra.dataSource(config).getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT DISTINCT key FROM " + where)) {
            statement.setString(1, config.workspace());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    keys.add(rows.getString(1));
                }
            }
        }
        return keys;
    }

    /** Replaces the file whole, as editors and configuration tools do. */
    private void write(Path file, PostgresSettings postgres, String... ids) throws Exception {
        StringBuilder yaml = new StringBuilder("tenants:\n");
        for (String id : ids) {
            Files.createDirectories(root.resolve(id));
            yaml.append("  - id: ")
                    .append(id)
                    .append("\n    isolation: workspace\n    postgres: {host: ")
                    .append(postgres.host())
                    .append(", port: ")
                    .append(postgres.port())
                    .append(", database: ")
                    .append(postgres.database())
                    .append(", user: ")
                    .append(postgres.user())
                    .append(", password_env: TEST_PG_PASSWORD}\n    watch: [{root: ")
                    .append(root.resolve(id))
                    .append(", patterns: [\"**/*.md\"]}]\n");
        }
        Path temporary = Files.writeString(root.resolve(".tenants.yaml.tmp"), yaml);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void note(Path folder, String text) throws Exception {
        Files.writeString(folder.resolve("note.md"), "# Note\n\n" + text + "\n");
    }
}
