package dev.hybridrag.indexer.wake;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.kafka.KafkaClients;
import dev.hybridrag.core.tenant.TenantConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka Streams application that turns wake-ups into work: the wake-up topic's partitions divide the tenants
 * among the indexer replicas (one owner per tenant at a time), and {@link TenantWork} coalesces and runs each
 * partition's work. Its application id, and so its consumer group and its store's changelog topic, starts with the
 * deployment's prefix ({@code hybridrag-graph-tenant-work-changelog}). Why at-least-once suffices: docs/graph.md.
 */
public final class WakeupStreams implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WakeupStreams.class);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(60);

    private final Infrastructure infra;
    private final Map<Work, Function<TenantConfig, Optional<Duration>>> runners;
    private KafkaStreams streams;
    private Path stateDir;

    public WakeupStreams(Infrastructure infra, Map<Work, Function<TenantConfig, Optional<Duration>>> runners) {
        this.infra = infra;
        this.runners = runners;
    }

    /** Starts the application; the topics must exist ({@link Infrastructure#ensureTopics()}). */
    public void start(String clientId) {
        TenantPartitions partitions = new TenantPartitions(wakeupPartitions());
        Topology topology = new Topology();
        topology.addSource(
                "wakeups",
                Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer(),
                infra.topics().graphWakeups());
        topology.addProcessor(
                "tenant-work", () -> new TenantWork(infra.tenants(), partitions, runners, infra.clock()), "wakeups");
        topology.addStateStore(
                Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(TenantWork.STORE), Serdes.String(), Serdes.Long()),
                "tenant-work");
        try {
            // Per process: two indexers in one JVM (tests) must not share a state directory.
            stateDir = Files.createTempDirectory("hybridrag-streams-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the Kafka Streams state directory", e);
        }
        streams = new KafkaStreams(topology, properties(clientId));
        streams.setUncaughtExceptionHandler(error -> {
            log.error("graph wake-up stream failed; replacing its thread", error);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.start();
    }

    private Properties properties(String clientId) {
        Properties props = new Properties();
        // Where the brokers are and how to log in (SASL, TLS): without it a secured broker refuses the stream's
        // clients and no tenant's graph is ever rebuilt (docs/security.md).
        props.putAll(infra.kafka().connection());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, infra.topics().group("graph", infra.tenants()));
        props.put(StreamsConfig.CLIENT_ID_CONFIG, clientId);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1000);
        // An idle indexer's stream thread loops once a second instead of ten times: a wake-up ends the poll at once
        // and is served in process(), so only the coalesced rest of a burst waits for the next loop (issue 17).
        props.put(StreamsConfig.POLL_MS_CONFIG, 1000);
        props.put(
                StreamsConfig.mainConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG),
                KafkaClients.FETCH_MAX_WAIT_MS);
        // One batch per due tenant per punctuation can take minutes (LLM summaries): do not count it as a hang.
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG), 30 * 60 * 1000);
        // A replica that dies hands its tenants over after 10 s instead of Kafka's 45.
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 10_000);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 3_000);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        return props;
    }

    private int wakeupPartitions() {
        try (Admin admin = infra.kafka().admin()) {
            return admin.describeTopics(List.of(infra.topics().graphWakeups()))
                    .allTopicNames()
                    .get()
                    .get(infra.topics().graphWakeups())
                    .partitions()
                    .size();
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "cannot read the partitions of " + infra.topics().graphWakeups(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(
                    "interrupted while reading the partitions of "
                            + infra.topics().graphWakeups(),
                    e);
        }
    }

    @Override
    public void close() {
        if (streams == null) {
            return;
        }
        if (!streams.close(CLOSE_WAIT)) {
            log.warn("the graph wake-up stream did not stop within {} s", CLOSE_WAIT.toSeconds());
        }
        try (Stream<Path> files = Files.walk(stateDir)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            log.debug("cannot remove {}: {}", stateDir, e.toString());
        }
    }
}
