package dev.hybridrag.core.kafka;

import dev.hybridrag.core.metrics.PipelineMeters;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The dead-letter topic: records a worker gave up on (undeserialisable, or failing every attempt), kept whole with
 * where they came from and why, so an operator can look at them and send them through again
 * ({@code hybridrag dlq list|replay}).
 */
public final class DeadLetters {

    static final String SOURCE_TOPIC = "hybridrag.source.topic";
    static final String SOURCE_PARTITION = "hybridrag.source.partition";
    static final String SOURCE_OFFSET = "hybridrag.source.offset";
    static final String ERROR = "hybridrag.error";
    static final String FAILED_AT = "hybridrag.failed.at";
    private static final int MAX_ERROR_CHARS = 2000;
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    /** A dead letter as {@code dlq list} shows it; {@code id} is {@code partition@offset} in the dead-letter topic. */
    public record Entry(
            String id,
            String key,
            String sourceTopic,
            String sourceRecord,
            String error,
            Instant failedAt,
            byte[] value) {}

    private final Producer<String, byte[]> producer;
    private final Topics topics;

    public DeadLetters(Producer<String, byte[]> producer, Topics topics) {
        this.producer = producer;
        this.topics = topics;
        // Zero until the first dead letter: an alert on the counter's rate needs the series to exist.
        topics.pipeline().forEach(PipelineMeters::deadLetters);
    }

    /**
     * Stores a given-up record; returns only once the broker has it, so the worker may then move past it.
     *
     * @throws IllegalStateException when the broker did not take it: the worker must not skip the record
     */
    public void store(ConsumerRecord<String, byte[]> record, Exception error) {
        ProducerRecord<String, byte[]> letter =
                new ProducerRecord<>(topics.deadLetters(), record.key(), record.value());
        Headers headers = letter.headers();
        headers.add(SOURCE_TOPIC, bytes(record.topic()));
        headers.add(SOURCE_PARTITION, bytes(String.valueOf(record.partition())));
        headers.add(SOURCE_OFFSET, bytes(String.valueOf(record.offset())));
        headers.add(ERROR, bytes(describe(error)));
        headers.add(FAILED_AT, bytes(Instant.now().toString()));
        try {
            producer.send(letter).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            PipelineMeters.deadLetter(record.topic());
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not store a dead letter for " + record.key(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while storing a dead letter", e);
        }
    }

    /** Every dead letter, oldest first; reads the topic from the start without joining a consumer group. */
    public static List<Entry> list(Consumer<String, byte[]> consumer, Topics topics) {
        List<TopicPartition> partitions = consumer.partitionsFor(topics.deadLetters()).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        List<Entry> entries = new ArrayList<>();
        while (!reached(consumer, end)) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                entries.add(new Entry(
                        record.partition() + "@" + record.offset(),
                        record.key(),
                        header(record, SOURCE_TOPIC),
                        header(record, SOURCE_TOPIC) + "-" + header(record, SOURCE_PARTITION) + "@"
                                + header(record, SOURCE_OFFSET),
                        header(record, ERROR),
                        parseInstant(header(record, FAILED_AT)),
                        record.value()));
            }
        }
        return entries;
    }

    /** Sends entries back to the topics they came from, with their keys; they are processed again from there. */
    public void replay(Collection<Entry> entries) {
        for (Entry entry : entries) {
            if (!topics.pipeline().contains(entry.sourceTopic())) {
                throw new IllegalArgumentException(
                        "dead letter " + entry.id() + " names no pipeline topic to go back to");
            }
            try {
                producer.send(new ProducerRecord<>(entry.sourceTopic(), entry.key(), entry.value()))
                        .get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("could not replay dead letter " + entry.id(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while replaying", e);
            }
        }
    }

    private static boolean reached(Consumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    // Error messages are the pipeline's own (providers' messages are already stripped of keys); cut to a size.
    private static String describe(Exception error) {
        String text = error.getClass().getSimpleName() + ": "
                + Optional.ofNullable(error.getMessage()).orElse("");
        return text.length() > MAX_ERROR_CHARS ? text.substring(0, MAX_ERROR_CHARS) + "…" : text;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Instant parseInstant(String text) {
        try {
            return Instant.parse(text);
        } catch (RuntimeException e) {
            return Instant.EPOCH;
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
