package dev.hybridrag.core.kafka;

import dev.hybridrag.core.message.FileEvent;
import dev.hybridrag.core.message.FileOperation;
import dev.hybridrag.core.message.MessageCodec;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Publishes file events and waits for the broker's acknowledgement, so a published event is never lost. */
public final class FileEventPublisher implements AutoCloseable {

    private final Producer<String, byte[]> producer;
    private final Topics topics;

    public FileEventPublisher(Producer<String, byte[]> producer, Topics topics) {
        this.producer = producer;
        this.topics = topics;
    }

    /** Publishes a change on the lane its size calls for ({@link Lane#of}). */
    public void publish(FileEvent event) throws InterruptedException {
        publish(event, Lane.of(event));
    }

    public void publish(FileEvent event, Lane lane) throws InterruptedException {
        try {
            producer.send(new ProducerRecord<>(topics.files(lane), event.key().asString(), MessageCodec.encode(event)))
                    .get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "could not publish " + event.key().asString() + ": "
                            + e.getCause().getMessage(),
                    e.getCause());
        }
    }

    /** Publishes a delete event for a path, as if its file had been deleted. */
    public void publishDelete(String tenant, String path, Instant now, long version) throws InterruptedException {
        publish(new FileEvent(tenant, path, FileOperation.DELETED, "", 0, now, version, ""));
    }

    @Override
    public void close() {
        producer.close();
    }
}
