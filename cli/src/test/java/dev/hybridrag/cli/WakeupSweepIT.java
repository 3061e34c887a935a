package dev.hybridrag.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.embed.OfflineEmbedder;
import dev.hybridrag.core.message.ChunkRecord;
import dev.hybridrag.core.message.EntityMention;
import dev.hybridrag.core.message.ExtractionRecord;
import dev.hybridrag.core.message.FileOperation;
import dev.hybridrag.core.message.MessageCodec;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.core.testing.TestInfrastructure;
import dev.hybridrag.indexer.IndexerService;
import dev.hybridrag.indexer.wake.TenantWakeups;
import dev.hybridrag.indexer.wake.Work;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The graph step runs only when woken, so a wake-up lost between the database commit and its send must still be
 * found: by the sweep of the tenants of each partition an indexer is assigned.
 */
class WakeupSweepIT {

    @RegisterExtension
    final RunningPipeline pipeline = RunningPipeline.with()
            .tenants(p -> List.of(TestInfrastructure.tenant("solo", p.postgres().settings(), p.root())));

    private Infrastructure infra;
    private TenantConfig tenant;

    @BeforeEach
    void pipeline() {
        infra = pipeline.infra();
        tenant = pipeline.tenant("solo");
    }

    @Test
    void aLostWakeUpIsCaughtByTheNextAssignmentSweep() throws Exception {
        AtomicBoolean failing = new AtomicBoolean();
        AtomicInteger lost = new AtomicInteger();
        IndexerService losing = pipeline.services()
                .addIndexer(infra, producer -> new TenantWakeups(producer, infra.topics()) {
                    @Override
                    public void wake(String tenantId, Work work) {
                        if (failing.get()) {
                            lost.incrementAndGet(); // the send fails after the commit
                        } else {
                            super.wake(tenantId, work);
                        }
                    }
                });
        // The tenant's work from the start-up sweep and this first wake-up is done once its entity is there.
        publish(extraction("first.md", 1, "Postgres"));
        await().atMost(Duration.ofSeconds(60)).until(() -> entities().contains("postgres"));

        failing.set(true);
        publish(extraction("notes.md", 1, "Kafka"));
        await().until(() -> documentVersion("notes.md") == 1);
        assertThat(lost).hasValue(1);
        assertThat(entities()).doesNotContain("kafka");

        pipeline.services().close(losing); // its partitions go to the next replica, which sweeps their tenants
        startIndexer();
        await().atMost(Duration.ofSeconds(60)).until(() -> entities().contains("kafka"));
    }

    @Test
    void aWakeUpAfterTheCommitBuildsTheGraph() throws Exception {
        startIndexer();
        publish(extraction("a.md", 1, "Postgres"));
        await().atMost(Duration.ofSeconds(60)).until(() -> entities().contains("postgres"));
        publish(extraction("a.md", 2, "Kafka"));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> entities().contains("kafka") && !entities().contains("postgres"));
    }

    private void startIndexer() throws Exception {
        pipeline.services().add(infra, List.of(ServiceKind.indexer));
    }

    private void publish(ExtractionRecord record) throws Exception {
        try (KafkaProducer<String, byte[]> producer = infra.kafka().producer("test")) {
            producer.send(new ProducerRecord<>(
                            infra.topics().extractions(), record.key().asString(), MessageCodec.encode(record)))
                    .get();
        }
    }

    private static ExtractionRecord extraction(String path, long version, String entity) {
        float[] vector = new float[384];
        vector[0] = 1;
        ChunkRecord chunk = new ChunkRecord("chunk-" + entity, 0, "About " + entity + ".", 3, vector, List.of());
        return new ExtractionRecord(
                "solo",
                path,
                FileOperation.MODIFIED,
                "hash-" + version,
                10,
                Instant.EPOCH,
                version,
                OfflineEmbedder.MODEL,
                384,
                "test-extractor",
                List.of(chunk),
                List.of(new EntityMention(chunk.id(), entity, "technology", "about " + entity)),
                List.of(),
                List.of(),
                "");
    }

    private long documentVersion(String path) throws Exception {
        try (Connection connection = infra.dataSource(tenant).getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT version FROM documents WHERE workspace = 'solo' AND path = ?")) {
            statement.setString(1, path);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0;
            }
        }
    }

    private List<String> entities() throws Exception {
        List<String> keys = new ArrayList<>();
        try (Connection connection = infra.dataSource(tenant).getConnection();
                PreparedStatement statement =
                        connection.prepareStatement("SELECT key FROM entities WHERE workspace = 'solo' ORDER BY key");
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                keys.add(rows.getString(1));
            }
        }
        return keys;
    }
}
