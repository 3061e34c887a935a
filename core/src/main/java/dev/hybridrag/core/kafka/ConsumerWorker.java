package dev.hybridrag.core.kafka;

import dev.hybridrag.core.message.MalformedMessageException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
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

    private final String name;
    private final Consumer<String, byte[]> consumer;
    private final Collection<String> topics;
    private final RecordHandler handler;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean stopping;
    private Thread thread;

    public ConsumerWorker(
            String name, Consumer<String, byte[]> consumer, Collection<String> topics, RecordHandler handler) {
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
                iteration();
            }
        } catch (WakeupException e) {
            if (!stopping) {
                log.error("{} woken unexpectedly", name, e);
            }
        } catch (RuntimeException e) {
            log.error("{} stopped on an unexpected error", name, e);
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
            if (!done.isEmpty()) {
                consumer.commitSync(done);
            }
        }
    }

    /** @return false when the record should be retried */
    private boolean apply(ConsumerRecord<String, byte[]> record) {
        MDC.put("key", record.key());
        MDC.put("partition", String.valueOf(record.partition()));
        try {
            handler.handle(record);
            return true;
        } catch (MalformedMessageException e) {
            log.error(
                    "{} skipped a record it can never process at {}-{}@{}: {}",
                    name,
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    e.getMessage());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
            return false;
        } catch (Exception e) {
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
