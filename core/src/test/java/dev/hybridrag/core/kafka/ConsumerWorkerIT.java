package dev.hybridrag.core.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridrag.core.testing.TestKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A worker stopped while it applies a record (a replica scaled down) commits that record before it leaves, under
 * either group protocol, so the next owner of the partition does not apply it again.
 */
class ConsumerWorkerIT {

    private static final Topics TOPICS = new Topics("hybridrag");

    @ParameterizedTest
    @ValueSource(strings = {"consumer", "classic"})
    void aRecordAppliedWhileStoppingIsCommitted(String groupProtocol) throws Exception {
        try (TestKafka kafka = new TestKafka()) {
            KafkaClients clients = new KafkaClients(kafka.bootstrapServers(), groupProtocol);
            try (Admin admin = clients.admin()) {
                TOPICS.ensure(admin, 1);
            }
            CountDownLatch applying = new CountDownLatch(1);
            CountDownLatch mayFinish = new CountDownLatch(1);
            RecordHandler slow = record -> {
                applying.countDown();
                mayFinish.await();
            };
            try (KafkaProducer<String, byte[]> producer = clients.producer("test");
                    Admin admin = clients.admin()) {
                producer.send(new ProducerRecord<>(TOPICS.files(), "t/a.md", "event".getBytes(StandardCharsets.UTF_8)))
                        .get();
                ConsumerWorker worker = new ConsumerWorker(
                        "worker",
                        clients.consumer("group", "worker", 10),
                        List.of(TOPICS.files()),
                        slow,
                        new DeadLetters(producer, TOPICS));
                worker.start();
                assertThat(applying.await(60, TimeUnit.SECONDS)).isTrue();
                worker.stop();
                mayFinish.countDown();
                assertThat(worker.awaitStop(Duration.ofSeconds(30))).isTrue();

                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("group")
                        .partitionsToOffsetAndMetadata()
                        .get();
                assertThat(committed.get(new TopicPartition(TOPICS.files(), 0)))
                        .as("the record applied while stopping")
                        .isNotNull()
                        .extracting(OffsetAndMetadata::offset)
                        .isEqualTo(1L);
            }
        }
    }
}
