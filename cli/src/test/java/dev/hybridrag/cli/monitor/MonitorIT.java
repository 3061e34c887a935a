package dev.hybridrag.cli.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.kafka.Topics;
import dev.hybridrag.core.testing.TestInfrastructure;
import dev.hybridrag.core.testing.TestKafka;
import dev.hybridrag.core.testing.TestPostgres;
import dev.hybridrag.extractor.ExtractorService;
import dev.hybridrag.indexer.IndexerService;
import dev.hybridrag.watcher.WatcherService;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./hybridrag monitor} against a real pipeline: the process behind a pid file with its memory and CPU, the
 * tenant's database with its size and connections, the workers' consumer groups caught up, and the tenant's
 * documents, chunks and ingest rate as the database holds them.
 */
class MonitorIT {

    @TempDir
    static Path inbox;

    @TempDir
    static Path runDir;

    private static TestKafka kafka;
    private static TestPostgres postgres;
    private static Infrastructure infra;
    private static final List<AutoCloseable> services = new ArrayList<>();

    @BeforeAll
    static void startPipeline() throws Exception {
        kafka = new TestKafka();
        postgres = new TestPostgres();
        infra = TestInfrastructure.create(
                kafka.bootstrapServers(),
                Map.of("HYBRIDRAG_TOPIC_PARTITIONS", "2"),
                TestInfrastructure.tenant("default", postgres.settings(), inbox));
        IndexerService indexer = new IndexerService(infra);
        indexer.start();
        services.add(indexer);
        ExtractorService extractor = new ExtractorService(infra);
        extractor.start();
        services.add(extractor);
        WatcherService watcher = new WatcherService(infra, Duration.ofMillis(100));
        watcher.start();
        services.add(watcher);
    }

    @AfterAll
    static void stopPipeline() throws Exception {
        for (AutoCloseable service : services.reversed()) {
            service.close();
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
    void aSnapshotShowsTheFleetAsTheDatabaseAndKafkaSeeIt() throws Exception {
        Files.writeString(
                runDir.resolve("extractor.pid"),
                Long.toString(ProcessHandle.current().pid()));
        Files.writeString(inbox.resolve("notes.md"), """
                # Deployment notes

                The indexer writes fragments to PostgreSQL and the extractor calls the LLM for each chunk.
                """);
        try (FleetSampler sampler = new FleetSampler(infra, runDir)) {
            sampler.sample();
            burnCpu(Duration.ofMillis(300));

            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> {
                        FleetSnapshot snapshot = sampler.sample();
                        TenantActivity tenant = snapshot.tenants().getFirst();
                        assertThat(tenant.documents()).containsEntry("processed", 1L);
                        assertThat(snapshot.consumerLag())
                                .filteredOn(lag -> lag.group().equals(Topics.group("extractor")))
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
            String database = postgres.settings().database();
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
