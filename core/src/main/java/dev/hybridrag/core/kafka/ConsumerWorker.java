package dev.hybridrag.core.kafka;

import dev.hybridrag.core.message.MalformedMessageException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The one shape of every consuming worker: start, {@code while (!stopping) iteration()}, a non-blocking
 * {@link #stop()} that wakes the consumer, a bounded {@link #awaitStop(Duration)}, close in {@code finally}.
 * Offsets are committed only after a record's effect is durable (at-least-once).
 */
public final class ConsumerWorker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConsumerWorker.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
    private static final Duration RETRY_BACKOFF = Duration.ofSeconds(2);
    private static final int MAX_ATTEMPTS_ON_PERMANENT_ERRORS = 3;

    private final String name;
    private final Consumer<String, byte[]> consumer;
    private final Collection<String> topics;
    private final RecordHandler handler;
    private final DeadLetters deadLetters;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Map<String, Integer> attempts = new HashMap<>();
    private volatile boolean stopping;
    private Thread thread;

    /** @param deadLetters where records the worker gives up on are kept */
    public ConsumerWorker(
            String name,
            Consumer<String, byte[]> consumer,
            Collection<String> topics,
            RecordHandler handler,
            DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
        this.name = name;
        this.consumer = consumer;
        this.topics = List.copyOf(topics);
        this.handler = handler;
    }

    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException(name + " already started");
        }
        thread = Thread.ofPlatform().name(name).start(this::execute);
    }

    private void execute() {
        try {
            consumer.subscribe(topics);
            log.info("{} consuming {}", name, topics);
            while (!stopping) {
                try {
                    iteration();
                } catch (WakeupException e) {
                    if (!stopping) {
                        log.warn("{} woken unexpectedly; continuing", name);
                    }
                } catch (RuntimeException e) {
                    // A worker never dies on one bad iteration (a failed commit after a rebalance, a broker
                    // hiccup): what was not committed is delivered again, and applying it again is harmless.
                    log.error("{} iteration failed; continuing", name, e);
                    sleep(RETRY_BACKOFF);
                }
            }
        } finally {
            try {
                consumer.close(Duration.ofSeconds(10));
            } finally {
                stopped.countDown();
                log.info("{} stopped", name);
            }
        }
    }

    private void iteration() {
        ConsumerRecords<String, byte[]> records = consumer.poll(POLL_TIMEOUT);
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        try {
            for (ConsumerRecord<String, byte[]> record : records) {
                if (stopping) {
                    break;
                }
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                if (!apply(record)) {
                    // Transient failure: rewind this partition to the failed record and retry after a pause.
                    consumer.seek(partition, record.offset());
                    rewindOthers(records, done, partition);
                    sleep(RETRY_BACKOFF);
                    return;
                }
                done.put(partition, new OffsetAndMetadata(record.offset() + 1));
            }
        } finally {
            commit(done);
        }
    }

    private void commit(Map<TopicPartition, OffsetAndMetadata> done) {
        if (done.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(done);
        } catch (CommitFailedException | RebalanceInProgressException | RetriableException e) {
            log.warn(
                    "{} could not commit after a rebalance; those records will be applied again: {}",
                    name,
                    e.getMessage());
        }
    }

    /** @return false when the record should be retried */
    private boolean apply(ConsumerRecord<String, byte[]> record) {
        MDC.put("key", record.key());
        MDC.put("partition", String.valueOf(record.partition()));
        try {
            handler.handle(record);
            attempts.clear();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
            return false;
        } catch (Exception e) {
            if (e instanceof MalformedMessageException || givesUp(record, e)) {
                log.error(
                        "{} gives up on {}-{}@{}: {}",
                        name,
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        e.toString());
                try {
                    deadLetters.store(record, e);
                } catch (IllegalStateException notStored) {
                    // Skipping a record nobody kept would lose it: retry until the dead-letter topic takes it.
                    log.warn("{} could not store a dead letter; will retry: {}", name, notStored.getMessage());
                    return false;
                }
                handler.onPoison(record, e);
                attempts.clear();
                return true;
            }
            log.warn(
                    "{} will retry {}-{}@{}: {}",
                    name,
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    e.toString());
            return false;
        } finally {
            MDC.clear();
        }
    }

    /**
     * Transient failures (PostgreSQL or Kafka unreachable, a provider timing out) are retried for as long as they
     * last; any other error is retried a few times, in case it was transient after all, then given up on.
     */
    private boolean givesUp(ConsumerRecord<String, byte[]> record, Exception error) {
        if (Failures.isTransient(error)) {
            return false;
        }
        String at = record.topic() + "-" + record.partition() + "@" + record.offset();
        return attempts.merge(at, 1, Integer::sum) >= MAX_ATTEMPTS_ON_PERMANENT_ERRORS;
    }

    // After a failure the rest of the polled batch is not applied; the other partitions restart after what is done.
    private void rewindOthers(
            ConsumerRecords<String, byte[]> records,
            Map<TopicPartition, OffsetAndMetadata> done,
            TopicPartition failed) {
        for (TopicPartition partition : records.partitions()) {
            if (partition.equals(failed)) {
                continue;
            }
            OffsetAndMetadata committed = done.get(partition);
            long next = committed != null
                    ? committed.offset()
                    : records.records(partition).get(0).offset();
            consumer.seek(partition, next);
        }
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }

    /** Asks the worker to stop; returns at once. */
    public void stop() {
        stopping = true;
        consumer.wakeup();
    }

    public boolean awaitStop(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        stop();
        try {
            if (thread != null && !awaitStop(Duration.ofSeconds(30))) {
                log.warn("{} did not stop within 30 s", name);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
