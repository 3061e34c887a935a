package dev.hybridrag.core.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hybridrag.core.message.MalformedMessageException;
import dev.hybridrag.core.testing.TestKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** A record the worker gives up on lands in the dead-letter topic, the worker goes on, and a replay retries it. */
class DeadLettersIT {

    private static final Topics TOPICS = new Topics("hybridrag.test");

    @Test
    void aPoisonRecordIsKeptWithItsErrorAndCanBeReplayed() throws Exception {
        try (TestKafka kafka = new TestKafka()) {
            KafkaClients clients = new KafkaClients(kafka.bootstrapServers());
            try (Admin admin = clients.admin()) {
                TOPICS.ensure(admin, 2);
            }
            List<String> handled = new CopyOnWriteArrayList<>();
            AtomicBoolean fixed = new AtomicBoolean(false);
            RecordHandler handler = record -> {
                String text = new String(record.value(), StandardCharsets.UTF_8);
                if (text.startsWith("garbage") && !fixed.get()) {
                    throw new MalformedMessageException("not a file event: unexpected character 'g'");
                }
                handled.add(text);
            };
            try (KafkaProducer<String, byte[]> producer = clients.producer("test");
                    ConsumerWorker worker = new ConsumerWorker(
                            "worker",
                            clients.consumer("group", "worker", 10),
                            List.of(TOPICS.files()),
                            handler,
                            new DeadLetters(producer, TOPICS))) {
                worker.start();
                producer.send(record("t/a.md", "garbage bytes")).get();
                producer.send(record("t/a.md", "good event")).get();

                await().atMost(Duration.ofSeconds(60)).until(() -> handled.contains("good event"));
                List<DeadLetters.Entry> letters = list(clients);
                assertThat(letters).hasSize(1);
                DeadLetters.Entry letter = letters.getFirst();
                assertThat(letter.key()).isEqualTo("t/a.md");
                assertThat(letter.sourceTopic()).isEqualTo(TOPICS.files());
                assertThat(letter.error()).contains("MalformedMessageException").contains("not a file event");
                assertThat(new String(letter.value(), StandardCharsets.UTF_8)).isEqualTo("garbage bytes");
                assertThat(handled).containsExactly("good event");

                fixed.set(true); // say, the operator deployed a fix
                new DeadLetters(producer, TOPICS).replay(letters);

                await().atMost(Duration.ofSeconds(60)).until(() -> handled.contains("garbage bytes"));
                assertThat(list(clients)).hasSize(1);
            }
        }
    }

    private static List<DeadLetters.Entry> list(KafkaClients clients) {
        try (KafkaConsumer<String, byte[]> reader = clients.consumer("unused", "reader", 100)) {
            return DeadLetters.list(reader, TOPICS);
        }
    }

    private static ProducerRecord<String, byte[]> record(String key, String value) {
        return new ProducerRecord<>(TOPICS.files(), key, value.getBytes(StandardCharsets.UTF_8));
    }
}
