package dev.hybridrag.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.tenant.PostgresSettings;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.core.testing.TestInfrastructure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The pipeline against a Kafka container and a PostgreSQL + pgvector container, the images compose/ runs, where a
 * Docker engine answers (skipped where none does; the in-JVM broker of the other ITs needs none). The images are
 * the local stand-ins ./hybridrag images builds unless it.kafka.image / it.postgres.image name others; Ryuk is off
 * (its image cannot be pulled), so the JUnit extension's stop at the end is the clean-up.
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainerPipelineIT {

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer(
            image("it.kafka.image", "hybridrag-local/kafka:4.3.1").asCompatibleSubstituteFor("apache/kafka"));

    @Container
    static final PostgreSQLContainer POSTGRES = new PostgreSQLContainer(
            image("it.postgres.image", "hybridrag-local/pgvector:pg18").asCompatibleSubstituteFor("postgres"));

    @TempDir
    static Path inbox;

    private static Infrastructure infra;
    private static RunningServices pipeline;
    private static TenantConfig tenant;

    private static DockerImageName image(String property, String fallback) {
        return DockerImageName.parse(Optional.ofNullable(System.getProperty(property))
                .filter(name -> !name.isBlank())
                .orElse(fallback));
    }

    @BeforeAll
    static void startPipeline() throws Exception {
        tenant = TestInfrastructure.tenant(
                "default",
                new PostgresSettings(
                        POSTGRES.getHost(),
                        POSTGRES.getFirstMappedPort(),
                        POSTGRES.getDatabaseName(),
                        POSTGRES.getUsername(),
                        POSTGRES.getPassword()),
                inbox);
        infra = TestInfrastructure.create(
                KAFKA.getBootstrapServers(),
                Map.of("HYBRIDRAG_TOPIC_PARTITIONS", "2", "HYBRIDRAG_DEBOUNCE_MS", "100"),
                tenant);
        pipeline = RunningServices.start(infra, ServiceKind.indexer, ServiceKind.extractor, ServiceKind.watcher);
    }

    @AfterAll
    static void stopPipeline() throws Exception {
        if (pipeline != null) {
            pipeline.close();
        }
        if (infra != null) {
            infra.close();
        }
    }

    @Test
    void aFileDroppedIntoTheWatchedFolderIsProcessedThroughTheContainers() throws Exception {
        Files.writeString(inbox.resolve("ports.md"), Conversations.PORT_CONFLICT);

        await().atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(status("ports.md")).isEqualTo("processed"));
        assertThat(chunksContaining("EADDRINUSE")).isPositive();
    }

    private static String status(String path) throws Exception {
        try (Connection connection = infra.dataSource(tenant).getConnection();
                PreparedStatement statement =
                        connection.prepareStatement("SELECT status FROM documents WHERE path = ?")) {
            statement.setString(1, path);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : "absent";
            }
        }
    }

    private static int chunksContaining(String text) throws Exception {
        try (Connection connection = infra.dataSource(tenant).getConnection();
                PreparedStatement statement =
                        connection.prepareStatement("SELECT count(*) FROM chunks WHERE content LIKE ?")) {
            statement.setString(1, "%" + text + "%");
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
