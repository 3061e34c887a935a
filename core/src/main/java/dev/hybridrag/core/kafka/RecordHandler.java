package dev.hybridrag.core.kafka;

import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Applies one record. Implementations must be idempotent: a record may be delivered again after a crash.
 * Throw {@link dev.hybridrag.core.message.MalformedMessageException} for a record that can never succeed; any
 * other exception is treated as transient and the record is retried.
 */
@FunctionalInterface
public interface RecordHandler {
    void handle(ConsumerRecord<String, byte[]> record) throws Exception;

    /**
     * Called once for a record the worker gives up on, before skipping it: the place to record the failure on the
     * document, so its status says why. Must not throw.
     */
    default void onPoison(ConsumerRecord<String, byte[]> record, Exception error) {}

    /** A handler that also records, on the document, why a record was given up on. */
    static RecordHandler withPoison(
            RecordHandler handler, BiConsumer<ConsumerRecord<String, byte[]>, Exception> onPoison) {
        return new RecordHandler() {
            @Override
            public void handle(ConsumerRecord<String, byte[]> record) throws Exception {
                handler.handle(record);
            }

            @Override
            public void onPoison(ConsumerRecord<String, byte[]> record, Exception error) {
                onPoison.accept(record, error);
            }
        };
    }
}
