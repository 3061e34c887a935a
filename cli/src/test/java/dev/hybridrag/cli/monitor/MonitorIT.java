package dev.hybridrag.cli.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hybridrag.cli.RunningPipeline;
import dev.hybridrag.cli.ServiceKind;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./hybridrag monitor} against a real pipeline: the process behind a pid file with its memory and CPU, the
 * tenant's database with its size and connections, the workers' consumer groups caught up, and the tenant's
 * documents, chunks and ingest rate as the database holds them.
 */
class MonitorIT {

    @RegisterExtension
    static final RunningPipeline pipeline =
            RunningPipeline.with(ServiceKind.indexer, ServiceKind.extractor, ServiceKind.watcher);

    @TempDir
    static Path runDir;

    @Test
    void aSnapshotShowsTheFleetAsTheDatabaseAndKafkaSeeIt() throws Exception {
        Files.writeString(
                runDir.resolve("extractor.pid"),
                Long.toString(ProcessHandle.current().pid()));
        Files.writeString(pipeline.root().resolve("notes.md"), """
                # Deployment notes

                The indexer writes fragments to PostgreSQL and the extractor calls the LLM for each chunk.
                """);
        try (FleetSampler sampler = new FleetSampler(pipeline.infra(), runDir)) {
            sampler.sample();
            burnCpu(Duration.ofMillis(300));

            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> {
                        FleetSnapshot snapshot = sampler.sample();
                        TenantActivity tenant = snapshot.tenants().getFirst();
                        assertThat(tenant.documents()).containsEntry("processed", 1L);
                        assertThat(snapshot.consumerLag())
                                .filteredOn(lag -> lag.group()
                                        .equals(pipeline.infra().topics().group("extractor")))
                                .singleElement()
                                .satisfies(lag -> assertThat(lag.lag()).isZero());
                    });
            burnCpu(Duration.ofMillis(300));
            FleetSnapshot snapshot = sampler.sample();

            assertThat(snapshot.problems()).isEmpty();
            assertThat(snapshot.services()).singleElement().satisfies(service -> {
                assertThat(service.name()).isEqualTo("extractor");
                assertThat(service.pid()).isEqualTo(ProcessHandle.current().pid());
                assertThat(service.residentBytes()).isGreaterThan(10L << 20);
                assertThat(service.cpuPercent()).isPositive();
            });
            String database = pipeline.postgres().settings().database();
            assertThat(snapshot.databases())
                    .filteredOn(size -> size.database().equals(database))
                    .singleElement()
                    .satisfies(size -> assertThat(size.bytes()).isPositive());
            assertThat(snapshot.connections())
                    .filteredOn(connections -> connections.database().equals(database))
                    .isNotEmpty()
                    .allSatisfy(connections -> assertThat(connections.total()).isPositive());
            TenantActivity tenant = snapshot.tenants().getFirst();
            assertThat(tenant.tenant()).isEqualTo("default");
            assertThat(tenant.chunks()).isPositive();
            assertThat(tenant.processedLastMinute()).isEqualTo(1);
            assertThat(tenant.spentTodayUsd()).isZero();

            StringWriter page = new StringWriter();
            MonitorView.print(snapshot, new PrintWriter(page));
            assertThat(page.toString())
                    .contains("replicas: {extractor=1}")
                    .contains(database)
                    .containsPattern("default +processed 1 ");
            JsonNode json = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(snapshot));
            assertThat(json.path("tenants")
                            .get(0)
                            .path("documents")
                            .path("processed")
                            .asLong())
                    .isEqualTo(1);
        }
    }

    private static void burnCpu(Duration duration) {
        long until = System.nanoTime() + duration.toNanos();
        double sink = 0;
        while (System.nanoTime() < until) {
            sink += Math.sqrt(sink + 1);
        }
        assertThat(sink).isPositive();
    }
}
