package dev.hybridrag.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.storage.DocumentState;
import dev.hybridrag.core.storage.DocumentStatus;
import dev.hybridrag.core.tenant.PostgresSettings;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.watcher.FolderIngest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A machine whose clock runs behind the one that last wrote a document can still delete it, from the HTTP API and
 * from the CLI: every door stamps versions above the stored one ({@code DocumentIntake}), so the delete is not
 * dropped as stale and the document leaves the answers.
 */
class ClockBehindDeleteIT {

    private static final long ONE_HOUR_MS = Duration.ofHours(1).toMillis();

    @RegisterExtension
    static final RunningPipeline pipeline =
            RunningPipeline.with(ServiceKind.indexer, ServiceKind.extractor, ServiceKind.query);

    @Test
    void deletesFromTheHttpApiAndTheCliAreAppliedWhenTheStoredVersionIsAnHourAhead() throws Exception {
        Infrastructure infra = pipeline.infra();
        TenantConfig tenant = pipeline.tenant("default");
        Path inbox = pipeline.root();
        Files.writeString(inbox.resolve("by-http.md"), "# Harbour\n\nThe harbour master counts every boat.");
        Files.writeString(inbox.resolve("by-cli.md"), "# Orchard\n\nThe orchard keeper prunes every tree.");
        try (FolderIngest ingest = new FolderIngest(infra)) {
            ingest.submit(tenant, inbox, true, Optional.empty());
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(300))
                    .until(() -> ingest.states(tenant, List.of("by-http.md", "by-cli.md")).values().stream()
                                    .filter(state -> state.status() == DocumentStatus.PROCESSED)
                                    .count()
                            == 2);
        }
        // The last writer's clock ran an hour ahead of this machine's.
        try (Connection connection = pipeline.postgres().connect();
                PreparedStatement ahead = connection.prepareStatement(
                        "UPDATE documents SET version = ? WHERE path IN ('by-http.md', 'by-cli.md')")) {
            ahead.setLong(1, System.currentTimeMillis() + ONE_HOUR_MS);
            assertThat(ahead.executeUpdate()).isEqualTo(2);
        }

        HttpResponse<String> accepted = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        pipeline.baseUrl() + "/v1/tenants/default/documents?path=by-http.md"))
                                .DELETE()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).isEqualTo(202);
        CliProcess.Result deleted = new CliProcess(cliEnvironment(inbox)).run("documents", "delete", "by-cli.md");
        assertThat(deleted.exitCode()).as(deleted.output()).isZero();

        try (FolderIngest ingest = new FolderIngest(infra)) {
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(300))
                    .untilAsserted(() -> assertThat(ingest.states(tenant, List.of("by-http.md", "by-cli.md"))
                                    .values())
                            .extracting(DocumentState::status)
                            .containsOnly(DocumentStatus.DELETED)
                            .hasSize(2));
        }
        try (Connection connection = pipeline.postgres().connect();
                PreparedStatement chunks = connection.prepareStatement("SELECT count(*) FROM chunks");
                ResultSet rows = chunks.executeQuery()) {
            rows.next();
            assertThat(rows.getInt(1))
                    .as("chunks left of the deleted documents")
                    .isZero();
        }
    }

    /** What the CLI, a separate JVM, is given to reach the same broker, database and tenant. */
    private static Map<String, String> cliEnvironment(Path inbox) {
        PostgresSettings pg = pipeline.postgres().settings();
        return Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", pipeline.kafka().bootstrapServers(),
                "POSTGRES_HOST", pg.host(),
                "POSTGRES_PORT", String.valueOf(pg.port()),
                "POSTGRES_DB", pg.database(),
                "POSTGRES_USER", pg.user(),
                "POSTGRES_PASSWORD", pg.password(),
                "HYBRIDRAG_WATCH_ROOT", inbox.toString(),
                "HYBRIDRAG_TOPIC_PARTITIONS", "2");
    }
}
