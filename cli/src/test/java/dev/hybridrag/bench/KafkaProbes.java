package dev.hybridrag.bench;

import dev.hybridrag.core.config.Environment;
import dev.hybridrag.core.kafka.KafkaClients;
import dev.hybridrag.core.kafka.KafkaSecurity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Kafka clients an attacker would try: one without credentials, one with a wrong password, and one with another
 * deployment's credentials (a user whose ACLs allow only its own prefix) reading and writing this deployment's topic.
 */
final class KafkaProbes {

    private static final String OURS = "team_a.files";
    private static final String THEIRS = "team_b.files";

    private final ChaosStack stack;

    KafkaProbes(ChaosStack stack) {
        this.stack = stack;
    }

    void run(SecurityTally tally) throws Exception {
        KafkaClients admin = clients(stack.kafkaLogin());
        BoundedProbe.require("creating the probes' topics", () -> {
            try (Admin client = Admin.create(bounded(admin.connection()))) {
                Set<String> existing = client.listTopics().names().get(10, TimeUnit.SECONDS);
                for (String topic : List.of(OURS, THEIRS)) {
                    if (!existing.contains(topic)) {
                        client.createTopics(List.of(new NewTopic(topic, 1, (short) 1)))
                                .all()
                                .get(10, TimeUnit.SECONDS);
                    }
                }
            }
        });
        // something to read, so a refused read is told from an empty topic
        BoundedProbe.require("writing a record as the deployment's own user", () -> write(admin, OURS));
        Path password = stack.secrets().resolve("team_b-kafka-password");
        Files.writeString(password, "team-b-" + System.nanoTime(), java.nio.charset.StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
        stack.addKafkaUser("team_b", password, "team_b.");

        KafkaClients anonymous = clients(Map.of());
        tally.add(
                "Kafka",
                "no credentials: list topics, write a record",
                2,
                BoundedProbe.refused(() -> list(anonymous)) + BoundedProbe.refused(() -> write(anonymous, OURS)),
                "no SASL: connection closed");
        KafkaClients wrong = clients(login("hybridrag", "not-the-password"));
        tally.add(
                "Kafka",
                "wrong password: list topics, write a record",
                2,
                BoundedProbe.refused(() -> list(wrong)) + BoundedProbe.refused(() -> write(wrong, OURS)),
                "SCRAM authentication failed");
        KafkaClients teamB = clients(login("team_b", Files.readString(password)));
        // its own topic works: the refusals below are the ACLs, not a broken login
        BoundedProbe.require("team_b writing its own topic", () -> write(teamB, THEIRS));
        int hidden = BoundedProbe.refused(() -> {
            if (list(teamB).contains(OURS)) {
                return;
            }
            throw new IllegalStateException("not listed");
        });
        tally.add(
                "Kafka",
                "another deployment's user: see, write, read (own group and this one's) this deployment's topic",
                4,
                hidden
                        + BoundedProbe.refused(() -> write(teamB, OURS))
                        + BoundedProbe.refused(() -> read(teamB, OURS, "team_b.reader"))
                        + BoundedProbe.refused(() -> read(teamB, OURS, "team_a.extractor")),
                "ACLs: not listed, TopicAuthorization / GroupAuthorization");
    }

    private static KafkaClients clients(Map<String, String> settings) {
        return new KafkaClients(
                "127.0.0.1:" + Integer.getInteger("bench.chaos.kafkaPort", 9102),
                "consumer",
                KafkaSecurity.fromEnvironment(new Environment(settings)));
    }

    private static Map<String, String> login(String user, String password) {
        return Map.of(
                "KAFKA_SECURITY_PROTOCOL",
                "SASL_PLAINTEXT",
                "KAFKA_SASL_MECHANISM",
                "SCRAM-SHA-512",
                "KAFKA_SASL_USERNAME",
                user,
                "KAFKA_SASL_PASSWORD",
                password);
    }

    /** Client settings that give up within seconds, so a refused client fails instead of retrying for minutes. */
    private static Map<String, Object> bounded(Map<String, Object> connection) {
        Map<String, Object> props = new HashMap<>(connection);
        props.put("default.api.timeout.ms", 8000);
        props.put("request.timeout.ms", 4000);
        props.put("socket.connection.setup.timeout.max.ms", 4000);
        props.put("reconnect.backoff.max.ms", 1000);
        return props;
    }

    private static Set<String> list(KafkaClients clients) throws Exception {
        try (Admin admin = Admin.create(bounded(clients.connection()))) {
            return admin.listTopics().names().get(10, TimeUnit.SECONDS);
        }
    }

    private static void write(KafkaClients clients, String topic) throws Exception {
        Map<String, Object> props = bounded(clients.connection());
        props.put("max.block.ms", 8000);
        props.put("delivery.timeout.ms", 9000);
        props.put("linger.ms", 0);
        KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        try {
            producer.send(new ProducerRecord<>(topic, "default/probe.md", new byte[] {'{', '}'}))
                    .get(10, TimeUnit.SECONDS);
        } finally {
            producer.close(Duration.ofSeconds(2));
        }
    }

    private static void read(KafkaClients clients, String topic, String group) {
        Map<String, Object> props = bounded(clients.connection());
        props.put("group.id", group);
        props.put("group.protocol", "consumer");
        props.put("auto.offset.reset", "earliest");
        props.put("enable.auto.commit", false);
        KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        try {
            consumer.subscribe(List.of(topic));
            long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < until) {
                if (!consumer.poll(Duration.ofMillis(500)).isEmpty()) {
                    return;
                }
            }
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(2)));
        }
        throw new IllegalStateException("nothing read: refused");
    }
}
