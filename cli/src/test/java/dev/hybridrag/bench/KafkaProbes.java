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
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

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
        try (Admin client = admin.admin()) {
            Set<String> existing = client.listTopics().names().get();
            for (String topic : List.of(OURS, THEIRS)) {
                if (!existing.contains(topic)) {
                    client.createTopics(List.of(new NewTopic(topic, 1, (short) 1)))
                            .all()
                            .get();
                }
            }
        }
        write(admin, OURS); // something to read, so a refused read is told from an empty topic
        Path password = stack.secrets().resolve("team_b-kafka-password");
        Files.writeString(password, "team-b-" + System.nanoTime(), java.nio.charset.StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
        stack.addKafkaUser("team_b", password, "team_b.");

        KafkaClients anonymous = clients(Map.of());
        tally.add(
                "Kafka",
                "no credentials: list topics, write a record",
                2,
                refused(() -> list(anonymous)) + refused(() -> write(anonymous, OURS)),
                "no SASL: connection closed");
        KafkaClients wrong = clients(login("hybridrag", "not-the-password"));
        tally.add(
                "Kafka",
                "wrong password: list topics, write a record",
                2,
                refused(() -> list(wrong)) + refused(() -> write(wrong, OURS)),
                "SCRAM authentication failed");
        KafkaClients teamB = clients(login("team_b", Files.readString(password)));
        write(teamB, THEIRS); // its own topic works: the refusals below are the ACLs, not a broken login
        int hidden = list(teamB).contains(OURS) ? 0 : 1;
        tally.add(
                "Kafka",
                "another deployment's user: see, write, read (own group and this one's) this deployment's topic",
                4,
                hidden
                        + refused(() -> write(teamB, OURS))
                        + refused(() -> read(teamB, OURS, "team_b.reader"))
                        + refused(() -> read(teamB, OURS, "team_a.extractor")),
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

    private static Set<String> list(KafkaClients clients) throws Exception {
        Map<String, Object> props = new HashMap<>(clients.connection());
        props.put("default.api.timeout.ms", 8000);
        props.put("request.timeout.ms", 4000);
        try (Admin admin = Admin.create(props)) {
            return admin.listTopics().names().get();
        }
    }

    private static void write(KafkaClients clients, String topic) throws Exception {
        try (KafkaProducer<String, byte[]> producer = clients.producer("probe")) {
            producer.send(new ProducerRecord<>(topic, "default/probe.md", new byte[] {'{', '}'}))
                    .get(10, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    private static void read(KafkaClients clients, String topic, String group) {
        try (KafkaConsumer<String, byte[]> consumer = clients.consumer(group, "probe", 10)) {
            consumer.subscribe(List.of(topic));
            long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < until) {
                if (!consumer.poll(Duration.ofMillis(500)).isEmpty()) {
                    return;
                }
            }
            throw new IllegalStateException("nothing read: refused");
        }
    }

    private interface Probe {
        void run() throws Exception;
    }

    private static int refused(Probe probe) {
        try {
            probe.run();
            return 0;
        } catch (Exception e) {
            return 1;
        }
    }
}
