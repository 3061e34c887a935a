package dev.hybridrag.core.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A record that must wait (a transient failure) keeps its place without fetching anything again: the worker pauses
 * the partitions and applies the records it already holds once the wait is over; a partition taken away meanwhile
 * loses its kept records, so its next owner starts from the committed offset.
 */
class ConsumerWorkerTest {

    private static final Topics TOPICS = new Topics("hybridrag");

    private static final TopicPartition P0 = new TopicPartition(TOPICS.files(), 0);
    private static final TopicPartition P1 = new TopicPartition(TOPICS.files(), 1);

    private final List<String> attempts = new CopyOnWriteArrayList<>();
    private final SeekCountingConsumer consumer = new SeekCountingConsumer(attempts);
    private final List<Set<TopicPartition>> pausedDuringAttempts = new CopyOnWriteArrayList<>();
    private ConsumerWorker worker;

    @AfterEach
    void stop() {
        if (worker != null) {
            worker.close();
        }
    }

    @Test
    void aWaitingRecordPausesThePartitionsAndIsAppliedFromWhatWasFetched() {
        AtomicInteger failures = new AtomicInteger(1);
        start(record -> {
            if (text(record).equals("a") && failures.getAndDecrement() > 0) {
                throw new IOException("database unreachable");
            }
        });
        schedule(() -> {
            consumer.rebalance(List.of(P0));
            consumer.updateBeginningOffsets(Map.of(P0, 0L));
            consumer.addRecord(record(P0, 0, "a"));
            consumer.addRecord(record(P0, 1, "b"));
        });

        await().atMost(Duration.ofSeconds(20)).until(() -> committed(P0) == 2);
        assertThat(attempts).containsExactly("a", "a", "b");
        assertThat(pausedDuringAttempts.get(1))
                .as("paused while the record waited")
                .contains(P0);
        assertThat(consumer.seeks.get()).as("nothing fetched again").isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> consumer.paused().isEmpty());
    }

    @Test
    void aRevokedPartitionLosesItsKeptRecordsAndTheOthersGoOn() {
        start(record -> {
            if (text(record).equals("a")) {
                throw new IOException("database unreachable");
            }
        });
        schedule(() -> {
            consumer.rebalance(List.of(P0));
            consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
            consumer.addRecord(record(P0, 0, "a"));
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> attempts.contains("a"));

        schedule(() -> {
            consumer.rebalance(List.of(P1)); // P0 goes to another worker, which starts from its committed offset
            consumer.addRecord(record(P1, 0, "b"));
        });

        await().atMost(Duration.ofSeconds(20)).until(() -> committed(P1) == 1);
        assertThat(attempts).containsOnly("a", "b").endsWith("b");
        assertThat(committed(P0)).as("the waiting record was not committed").isEqualTo(-1);
        assertThat(consumer.paused()).doesNotContain(P1);
    }

    private void start(RecordHandler handler) {
        worker = new ConsumerWorker(
                "worker",
                consumer,
                List.of(TOPICS.files()),
                record -> {
                    pausedDuringAttempts.add(Set.copyOf(consumer.paused()));
                    attempts.add(text(record));
                    handler.handle(record);
                },
                new DeadLetters(
                        new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer()), TOPICS));
        worker.start();
    }

    private void schedule(Runnable task) {
        consumer.schedulePollTask(task); // runs inside poll, on the worker's thread, as a real rebalance does
    }

    private long committed(TopicPartition partition) {
        OffsetAndMetadata offset = consumer.committed(Set.of(partition)).get(partition);
        return offset == null ? -1 : offset.offset();
    }

    private static String text(ConsumerRecord<String, byte[]> record) {
        return new String(record.value(), StandardCharsets.UTF_8);
    }

    private static ConsumerRecord<String, byte[]> record(TopicPartition partition, long offset, String text) {
        return new ConsumerRecord<>(
                partition.topic(),
                partition.partition(),
                offset,
                "t/" + text + ".md",
                text.getBytes(StandardCharsets.UTF_8));
    }

    /** Counts the seeks made once records are being applied (the first fetch position is set by a seek too). */
    private static final class SeekCountingConsumer extends MockConsumer<String, byte[]> {
        final AtomicInteger seeks = new AtomicInteger();
        private final List<String> attempts;

        SeekCountingConsumer(List<String> attempts) {
            super("earliest");
            this.attempts = attempts;
        }

        @Override
        public synchronized void seek(TopicPartition partition, long offset) {
            if (!attempts.isEmpty()) {
                seeks.incrementAndGet();
            }
            super.seek(partition, offset);
        }
    }
}
