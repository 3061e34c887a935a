package dev.hybridrag.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.chunk.ContentHash;
import dev.hybridrag.core.kafka.DeadLetters;
import dev.hybridrag.core.message.ExtractionRecord;
import dev.hybridrag.core.message.FileEvent;
import dev.hybridrag.core.message.FileOperation;
import dev.hybridrag.core.message.MessageCodec;
import dev.hybridrag.core.storage.DocumentRepository;
import dev.hybridrag.core.storage.DocumentStatus;
import dev.hybridrag.core.storage.DocumentSummary;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.core.testing.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Whoever can write to the topics cannot reach a tenant through a record's body (docs/security.md): a file event or
 * an extraction whose key names one tenant and whose body another, or a tenant the fleet does not serve, ends in the
 * dead letters with the reason, and nothing of it reaches any tenant's rows, not even as a failed document.
 */
class ForgedRecordIT {

    @RegisterExtension
    static final RunningPipeline pipeline = RunningPipeline.with(ServiceKind.indexer, ServiceKind.extractor)
            .settings(Map.of("HYBRIDRAG_TOPIC_PARTITIONS", "1"))
            .tenants(p -> List.of(
                    TestInfrastructure.tenant(
                            "alpha", p.postgres().settings(), p.root().resolve("alpha")),
                    TestInfrastructure.tenant(
                            "beta", p.postgres().settings(), p.root().resolve("beta"))));

    @Test
    void recordsWhoseKeyAndBodyNameDifferentTenantsAreDeadLetteredAndWriteNothing() throws Exception {
        Infrastructure infra = pipeline.infra();
        TenantConfig alpha = pipeline.tenant("alpha");
        TenantConfig beta = pipeline.tenant("beta");
        try (KafkaProducer<String, byte[]> attacker = infra.kafka().producer("attacker")) {
            // Key alpha/..., body beta: the attacker may write alpha's keys and aims at beta.
            send(
                    attacker,
                    infra.topics().files(),
                    "alpha/planted.md",
                    event("beta", "planted.md", "planted into beta"));
            send(
                    attacker,
                    infra.topics().extractions(),
                    "alpha/facts.md",
                    ExtractionRecord.failed(event("beta", "facts.md", "x"), "planted failure"));
            send(
                    attacker,
                    infra.topics().files(),
                    "gamma/elsewhere.md",
                    event("gamma", "elsewhere.md", "no such tenant"));
            // Then an honest record, so the workers are known to have read past the forged ones.
            send(
                    attacker,
                    infra.topics().files(),
                    "alpha/honest.md",
                    event("alpha", "honest.md", "# Honest\n\nAlpha's own."));

            await().atMost(Duration.ofSeconds(90)).until(() -> status(infra, alpha, "honest.md"), "processed"::equals);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> deadLetters(infra).size() >= 3);

            List<DeadLetters.Entry> letters = deadLetters(infra);
            assertThat(letters)
                    .filteredOn(letter -> letter.key().equals("alpha/planted.md"))
                    .singleElement()
                    .satisfies(letter -> assertThat(letter.error())
                            .contains("key names tenant 'alpha'")
                            .contains("body tenant 'beta'"));
            assertThat(letters)
                    .filteredOn(letter -> letter.key().equals("alpha/facts.md"))
                    .singleElement()
                    .satisfies(letter -> assertThat(letter.error()).contains("body tenant 'beta'"));
            assertThat(letters)
                    .filteredOn(letter -> letter.key().equals("gamma/elsewhere.md"))
                    .singleElement()
                    .satisfies(letter -> assertThat(letter.error()).contains("unknown tenant 'gamma'"));
            assertThat(documents(infra, beta)).as("beta's documents").isEmpty();
            assertThat(documents(infra, alpha))
                    .extracting(DocumentSummary::path)
                    .containsExactly("honest.md");
        }
    }

    private static FileEvent event(String tenant, String path, String content) {
        return new FileEvent(
                tenant,
                path,
                FileOperation.CREATED,
                ContentHash.of(content),
                content.length(),
                Instant.now(),
                System.currentTimeMillis(),
                content);
    }

    private static void send(KafkaProducer<String, byte[]> producer, String topic, String key, Object body)
            throws Exception {
        producer.send(new ProducerRecord<>(topic, key, MessageCodec.encode(body)))
                .get();
    }

    private static List<DeadLetters.Entry> deadLetters(Infrastructure infra) {
        try (KafkaConsumer<String, byte[]> consumer = infra.kafka().consumer("forged-it-reader", "reader", 100)) {
            return DeadLetters.list(consumer, infra.topics());
        }
    }

    private static List<DocumentSummary> documents(Infrastructure infra, TenantConfig tenant) throws Exception {
        return new DocumentRepository()
                .list(infra.dataSource(tenant), tenant.workspace(), Optional.<DocumentStatus>empty(), 100, 0);
    }

    private static String status(Infrastructure infra, TenantConfig tenant, String path) throws Exception {
        return documents(infra, tenant).stream()
                .filter(doc -> doc.path().equals(path))
                .findFirst()
                .map(DocumentSummary::status)
                .orElse("");
    }
}
