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
import dev.hybridrag.extractor.ExtractorService;
import dev.hybridrag.indexer.IndexerService;
import dev.hybridrag.watcher.WatcherService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tenant written into tenants.yaml while the fleet runs (issue 17) is served without a restart: the services notice
 * the file changed, the watcher watches the new tenant's folder, and its file reaches its materialised graph.
 */
class TenantAddedWhileRunningIT {

    @TempDir
    Path root;

    private final List<AutoCloseable> running = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable closeable : running.reversed()) {
            closeable.close();
        }
    }

    @Test
    void aTenantAddedToTheTenantsFileGetsItsGraphWithoutARestart() throws Exception {
        TestKafka kafka = started(new TestKafka());
        TestPostgres postgres = started(new TestPostgres());
        Path tenantsFile = root.resolve("tenants.yaml");
        write(tenantsFile, postgres.settings(), "first");
        Environment environment = new Environment(Map.of(
                "HYBRIDRAG_TENANTS_FILE", tenantsFile.toString(),
                "TEST_PG_PASSWORD", postgres.settings().password(),
                "HYBRIDRAG_TOPIC_PARTITIONS", "2"));
        TenantRegistry tenants = TenantRegistry.fromEnvironment(environment);
        Infrastructure infra = started(new Infrastructure(
                environment, tenants, new KafkaClients(kafka.bootstrapServers()), new Databases(4), Clock.systemUTC()));
        IndexerService indexer = started(new IndexerService(infra));
        indexer.start();
        ExtractorService extractor = started(new ExtractorService(infra));
        extractor.start();
        WatcherService watcher = started(new WatcherService(infra, Duration.ofMillis(100)));
        watcher.start();
        started(new TenantsFileReloader(tenantsFile, tenants).start());

        note(root.resolve("first"), "Kafka carries the events of Watcher.");
        await().atMost(Duration.ofSeconds(120))
                .until(() -> entities(infra, "first").contains("kafka"));
        assertThat(tenants.find("second")).isEmpty();

        Files.createDirectories(root.resolve("second"));
        write(tenantsFile, postgres.settings(), "first", "second"); // as an operator edits the file
        note(root.resolve("second"), "Postgres keeps the rows of Indexer.");

        await().atMost(Duration.ofSeconds(120))
                .until(() -> entities(infra, "second").contains("postgres"));
        assertThat(entities(infra, "first")).doesNotContain("postgres");
    }

    private <T extends AutoCloseable> T started(T closeable) {
        running.add(closeable);
        return closeable;
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
                    .append(
                            ", patterns: [\"**/*.md\"]}]\n    llm: {provider: offline}\n    embedding: {provider: offline}\n");
        }
        Path temporary = Files.writeString(root.resolve(".tenants.yaml.tmp"), yaml);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void note(Path folder, String text) throws Exception {
        Files.writeString(folder.resolve("note.md"), "# Note\n\n" + text + "\n");
    }

    private static List<String> entities(Infrastructure infra, String tenant) throws Exception {
        List<String> keys = new ArrayList<>();
        if (infra.tenants().find(tenant).isEmpty()) {
            return keys; // not served yet
        }
        TenantConfig config = infra.tenants().require(tenant);
        try (Connection connection = infra.dataSource(config).getConnection();
                PreparedStatement statement =
                        connection.prepareStatement("SELECT key FROM entities WHERE workspace = ? ORDER BY key")) {
            statement.setString(1, config.workspace());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    keys.add(rows.getString(1));
                }
            }
        }
        return keys;
    }
}
