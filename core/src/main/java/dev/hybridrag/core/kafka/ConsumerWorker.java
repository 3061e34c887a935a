package dev.hybridrag.core.kafka;

import dev.hybridrag.core.lifecycle.Worker;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consuming worker. Offsets are committed only after a record's effect is durable (at-least-once). A record that
 * must wait (a transient failure) keeps its place as Kafka Connect's {@code WorkerSinkTask} does: the partitions are
 * paused and the fetched records kept, so nothing is fetched again (extraction records are up to 32 MiB); polling
 * goes on meanwhile, so the worker stays in its group. On a rebalance, the kept records of a revoked partition are
 * dropped and whoever owns it next starts from its committed offset.
 */
public final class ConsumerWorker extends Worker {

    private static final Logger log = LoggerFactory.getLogger(ConsumerWorker.class);
    // A record ends the poll at once and stop() wakes it, so a long poll costs no latency; an idle worker's thread
    // (and its consumer's background thread, which each poll wakes) then loops every 5 s, not twice a second (issue
    // 17).
    private static final Duration POLL_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration RETRY_BACKOFF = Duration.ofSeconds(2);

    private final Consumer<String, byte[]> consumer;
    private final Collection<String> topics;
    private final RecordApplier applier;
    // Fetched and not yet applied, in fetch order; non-empty only while a record waits and the partitions pause.
    private final Deque<ConsumerRecord<String, byte[]>> held = new ArrayDeque<>();
    private long retryAt;

    /** @param deadLetters where records the worker gives up on are kept */
    public ConsumerWorker(
            String name,
            Consumer<String, byte[]> consumer,
            Collection<String> topics,
            RecordHandler handler,
            DeadLetters deadLetters) {
        super(name, RETRY_BACKOFF);
        this.consumer = consumer;
        this.topics = List.copyOf(topics);
        this.applier = new RecordApplier(name, handler, deadLetters);
    }

    @Override
    protected void initialize() {
        consumer.subscribe(topics, new Rebalance());
        log.info("{} consuming {}", name(), topics);
    }

    @Override
    protected void iteration() throws InterruptedException {
        Duration timeout = held.isEmpty() ? POLL_TIMEOUT : untilRetry();
        consumer.poll(timeout).forEach(held::add);
        if (held.isEmpty()) {
            resumeAll(); // what waited went to another worker in a rebalance
            return;
        }
        if (untilRetry().isPositive()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        try {
            while (!held.isEmpty() && !isStopping()) {
                ConsumerRecord<String, byte[]> record = held.peekFirst();
                if (applier.apply(record) == RecordApplier.Outcome.RETRY) {
                    waitToRetry();
                    return;
                }
                held.removeFirst();
                done.put(partition(record), new OffsetAndMetadata(record.offset() + 1));
            }
            if (held.isEmpty()) {
                resumeAll();
            }
        } finally {
            commit(done);
        }
    }

    /** Keeps what was fetched and pauses every partition until the wait is over; polls return nothing meanwhile. */
    private void waitToRetry() {
        retryAt = System.nanoTime() + RETRY_BACKOFF.toNanos();
        consumer.pause(consumer.assignment());
    }

    private void resumeAll() {
        Set<TopicPartition> paused = new HashSet<>(consumer.paused());
        paused.retainAll(consumer.assignment());
        if (!paused.isEmpty()) {
            consumer.resume(paused);
        }
    }

    private Duration untilRetry() {
        return Duration.ofNanos(Math.max(0, retryAt - System.nanoTime()));
    }

    private void commit(Map<TopicPartition, OffsetAndMetadata> done) {
        if (done.isEmpty()) {
            return;
        }
        try {
            commitSync(done);
        } catch (CommitFailedException | RebalanceInProgressException | RetriableException e) {
            log.warn(
                    "{} could not commit after a rebalance; those records will be applied again: {}",
                    name(),
                    e.getMessage());
        }
    }

    private void commitSync(Map<TopicPartition, OffsetAndMetadata> done) {
        try {
            consumer.commitSync(done);
        } catch (WakeupException e) {
            // stop() woke the consumer while the last record was applied: what is done is still committed.
            consumer.commitSync(done);
        }
    }

    @Override
    protected void wakeup() {
        consumer.wakeup();
    }

    @Override
    protected void release() {
        consumer.close(Duration.ofSeconds(10));
    }

    private static TopicPartition partition(ConsumerRecord<?, ?> record) {
        return new TopicPartition(record.topic(), record.partition());
    }

    /** Runs inside {@code poll}, on the worker's thread. */
    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            drop(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            drop(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (!held.isEmpty()) {
                consumer.pause(partitions); // the wait goes on for every partition, new ones included
            }
        }

        private void drop(Collection<TopicPartition> partitions) {
            Set<TopicPartition> gone = new HashSet<>(partitions);
            if (held.removeIf(record -> gone.contains(partition(record)))) {
                log.info("{} dropped the records it kept for {}: their next owner fetches them again", name(), gone);
            }
        }
    }
}
