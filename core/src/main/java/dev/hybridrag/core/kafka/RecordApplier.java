package dev.hybridrag.core.kafka;

import dev.hybridrag.core.message.MalformedMessageException;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Applies one record and sorts what goes wrong, as Kafka's example consumer does: a malformed record, or one that
 * keeps failing for a reason that is not transient, is kept in the dead-letter topic and skipped; a transient
 * failure (PostgreSQL or Kafka unreachable, a provider timing out) is retried for as long as it lasts.
 */
final class RecordApplier {

    private static final Logger log = LoggerFactory.getLogger(RecordApplier.class);
    private static final int MAX_ATTEMPTS_ON_PERMANENT_ERRORS = 3;

    enum Outcome {
        DONE,
        RETRY
    }

    private final String name;
    private final RecordHandler handler;
    private final DeadLetters deadLetters;
    private final Map<String, Integer> attempts = new HashMap<>();

    RecordApplier(String name, RecordHandler handler, DeadLetters deadLetters) {
        this.name = name;
        this.handler = handler;
        this.deadLetters = deadLetters;
    }

    Outcome apply(ConsumerRecord<String, byte[]> record) throws InterruptedException {
        String key = record.key() == null ? "" : record.key();
        MDC.put("key", key);
        MDC.put("tenant", key.contains("/") ? key.substring(0, key.indexOf('/')) : key);
        MDC.put("partition", record.topic() + "-" + record.partition());
        try {
            handler.handle(record);
            attempts.clear();
            return Outcome.DONE;
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            if (e instanceof MalformedMessageException || givesUp(record, e)) {
                return giveUp(record, e);
            }
            log.warn("{} will retry {}: {}", name, where(record), e.toString());
            return Outcome.RETRY;
        } finally {
            MDC.remove("key");
            MDC.remove("tenant");
            MDC.remove("partition");
        }
    }

    private Outcome giveUp(ConsumerRecord<String, byte[]> record, Exception error) {
        log.error("{} gives up on {}: {}", name, where(record), error.toString());
        try {
            deadLetters.store(record, error);
        } catch (IllegalStateException notStored) {
            // Skipping a record nobody kept would lose it: retry until the dead-letter topic takes it.
            log.warn("{} could not store a dead letter; will retry: {}", name, notStored.getMessage());
            return Outcome.RETRY;
        }
        handler.onPoison(record, error);
        attempts.clear();
        return Outcome.DONE;
    }

    /** Any error that is not transient is retried a few times, in case it was transient after all. */
    private boolean givesUp(ConsumerRecord<String, byte[]> record, Exception error) {
        if (Failures.isTransient(error)) {
            return false;
        }
        return attempts.merge(where(record), 1, Integer::sum) >= MAX_ATTEMPTS_ON_PERMANENT_ERRORS;
    }

    private static String where(ConsumerRecord<String, byte[]> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
