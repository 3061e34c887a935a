package dev.hybridrag.core.kafka;

import dev.hybridrag.core.config.ConfigException;
import dev.hybridrag.core.config.Environment;
import dev.hybridrag.core.config.Settings;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Builds the Kafka clients every service uses, configured once: idempotent compressed producers, and consumers
 * that commit offsets only after the effect of a record is durable.
 */
public final class KafkaClients {

    /** Kafka 4's consumer rebalance protocol (KIP-848), the default, and the one older brokers speak. */
    private static final Set<String> GROUP_PROTOCOLS = Set.of("consumer", "classic");

    /**
     * How long the broker holds a fetch that finds nothing new. A record arriving ends the wait at once, so this costs
     * no latency; Kafka's 500 ms made every idle consumer ask every broker twice a second (issue 17: idle CPU).
     */
    public static final int FETCH_MAX_WAIT_MS = 5_000;

    private final String bootstrapServers;
    private final String groupProtocol;
    private final KafkaSecurity security;

    public KafkaClients(String bootstrapServers) {
        this(bootstrapServers, "consumer");
    }

    public KafkaClients(String bootstrapServers, String groupProtocol) {
        this(bootstrapServers, groupProtocol, KafkaSecurity.plaintext());
    }

    /**
     * @param groupProtocol {@code consumer}: the broker assigns partitions member by member, so a replica that joins,
     *     leaves or dies never stops the others (with {@code classic}, every member pauses for each rebalance, which
     *     waits for a dead member's session to time out); {@code classic} for brokers older than Kafka 4
     */
    public KafkaClients(String bootstrapServers, String groupProtocol, KafkaSecurity security) {
        if (!GROUP_PROTOCOLS.contains(groupProtocol)) {
            throw new ConfigException(Settings.KAFKA_GROUP_PROTOCOL.name() + " must be consumer or classic");
        }
        this.bootstrapServers = bootstrapServers;
        this.groupProtocol = groupProtocol;
        this.security = security;
    }

    public static KafkaClients fromEnvironment(Environment environment) {
        return new KafkaClients(
                environment.get(Settings.KAFKA_BOOTSTRAP_SERVERS),
                environment.get(Settings.KAFKA_GROUP_PROTOCOL),
                KafkaSecurity.fromEnvironment(environment));
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Where the brokers are and how to authenticate to them: for any other client (Kafka Streams, tools). */
    public Map<String, Object> connection() {
        Map<String, Object> props = new HashMap<>(security.properties());
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return props;
    }

    public KafkaProducer<String, byte[]> producer(String clientId) {
        Map<String, Object> props = connection();
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.MAX_MESSAGE_BYTES);
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 2L * Topics.MAX_MESSAGE_BYTES);
        return measured(new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer()));
    }

    /**
     * @param maxPollRecords small for slow work (embedding a document takes seconds), so the poll interval is kept
     */
    public KafkaConsumer<String, byte[]> consumer(String groupId, String clientId, int maxPollRecords) {
        Map<String, Object> props = connection();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, groupProtocol);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        props.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 30 * 60 * 1000);
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Topics.MAX_MESSAGE_BYTES);
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Topics.MAX_MESSAGE_BYTES);
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, FETCH_MAX_WAIT_MS);
        return measured(new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer()));
    }

    // The client's own metrics (consumer lag, fetch and send rates) in the process's registry, where it has one.
    private static <C extends Producer<?, ?>> C measured(C producer) {
        if (!Metrics.globalRegistry.getRegistries().isEmpty()) {
            new KafkaClientMetrics(producer).bindTo(Metrics.globalRegistry);
        }
        return producer;
    }

    private static <C extends Consumer<?, ?>> C measured(C consumer) {
        if (!Metrics.globalRegistry.getRegistries().isEmpty()) {
            new KafkaClientMetrics(consumer).bindTo(Metrics.globalRegistry);
        }
        return consumer;
    }

    public Admin admin() {
        return Admin.create(connection());
    }
}
