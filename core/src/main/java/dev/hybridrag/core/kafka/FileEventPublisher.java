package dev.hybridrag.core.kafka;

import dev.hybridrag.core.message.FileEvent;
import dev.hybridrag.core.message.MessageCodec;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes file events and waits for the broker's acknowledgement, so a published event is never lost. Doors do not
 * use it directly: they go through {@code DocumentIntake}, which stamps the version and writes the pending mark.
 */
public final class FileEventPublisher implements AutoCloseable {

    private final Producer<String, byte[]> producer;
    private final Topics topics;

    public FileEventPublisher(Producer<String, byte[]> producer, Topics topics) {
        this.producer = producer;
        this.topics = topics;
    }

    public void publish(FileEvent event) throws InterruptedException {
        try {
            producer.send(new ProducerRecord<>(topics.files(), event.key().asString(), MessageCodec.encode(event)))
                    .get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "could not publish " + event.key().asString() + ": "
                            + e.getCause().getMessage(),
                    e.getCause());
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
