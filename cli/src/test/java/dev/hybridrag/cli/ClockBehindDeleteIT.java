package dev.hybridrag.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hybridrag.bench.PipelineServices;
import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.config.Environment;
import dev.hybridrag.core.storage.DocumentState;
import dev.hybridrag.core.storage.DocumentStatus;
import dev.hybridrag.core.tenant.PostgresSettings;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.core.testing.TestKafka;
import dev.hybridrag.core.testing.TestPostgres;
import dev.hybridrag.query.QueryServer;
import dev.hybridrag.watcher.FolderIngest;
import java.net.InetSocketAddress;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A machine whose clock runs behind the one that last wrote a document can still delete it, from the HTTP API and
 * from the CLI: every door stamps versions above the stored one ({@code DocumentIntake}), so the delete is not
 * dropped as stale and the document leaves the answers.
 */
class ClockBehindDeleteIT {

    private static final long ONE_HOUR_MS = Duration.ofHours(1).toMillis();

    @TempDir
    Path inbox;

    private TestKafka kafka;
    private TestPostgres postgres;
    private Infrastructure infra;
    private Map<String, String> environment;
    private PipelineServices pipeline;
    private QueryServer query;

    @BeforeEach
    void startPipeline() throws Exception {
        kafka = new TestKafka();
        postgres = new TestPostgres();
        PostgresSettings pg = postgres.settings();
        environment = Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "POSTGRES_HOST", pg.host(),
                "POSTGRES_PORT", String.valueOf(pg.port()),
                "POSTGRES_DB", pg.database(),
                "POSTGRES_USER", pg.user(),
                "POSTGRES_PASSWORD", pg.password(),
                "HYBRIDRAG_WATCH_ROOT", inbox.toString(),
                "HYBRIDRAG_TOPIC_PARTITIONS", "2");
        infra = Infrastructure.fromEnvironment(new Environment(environment));
        pipeline = new PipelineServices(infra);
        query = new QueryServer(infra, new InetSocketAddress("127.0.0.1", 0));
        query.start();
    }

    @AfterEach
    void stopPipeline() throws Exception {
        if (query != null) {
            query.close();
        }
        if (pipeline != null) {
            pipeline.close();
        }
        if (infra != null) {
            infra.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void deletesFromTheHttpApiAndTheCliAreAppliedWhenTheStoredVersionIsAnHourAhead() throws Exception {
        TenantConfig tenant = infra.tenants().require("default");
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
        try (Connection connection = postgres.connect();
                PreparedStatement ahead = connection.prepareStatement(
                        "UPDATE documents SET version = ? WHERE path IN ('by-http.md', 'by-cli.md')")) {
            ahead.setLong(1, System.currentTimeMillis() + ONE_HOUR_MS);
            assertThat(ahead.executeUpdate()).isEqualTo(2);
        }

        HttpResponse<String> accepted = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + query.port()
                                        + "/v1/tenants/default/documents?path=by-http.md"))
                                .DELETE()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).isEqualTo(202);
        CliProcess.Result deleted = new CliProcess(environment).run("documents", "delete", "by-cli.md");
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
        try (Connection connection = postgres.connect();
                PreparedStatement chunks = connection.prepareStatement("SELECT count(*) FROM chunks");
                ResultSet rows = chunks.executeQuery()) {
            rows.next();
            assertThat(rows.getInt(1))
                    .as("chunks left of the deleted documents")
                    .isZero();
        }
    }
}
