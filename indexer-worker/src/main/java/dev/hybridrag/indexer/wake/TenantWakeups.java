package dev.hybridrag.indexer.wake;

import dev.hybridrag.core.kafka.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes the indexer that owns a tenant (the partition of the tenant's key) after a commit left it work. A wake-up
 * is only a hint: the work itself is in the database ({@code graph_dirty}), so a failed send loses nothing but time,
 * until the next assignment sweep ({@link TenantWork}) finds the work.
 */
public class TenantWakeups {

    private static final Logger log = LoggerFactory.getLogger(TenantWakeups.class);

    private final Producer<String, byte[]> producer;

    private final String topic;

    public TenantWakeups(Producer<String, byte[]> producer, Topics topics) {
        this.producer = producer;
        this.topic = topics.graphWakeups();
    }

    /** Sends the wake-up without waiting; a failure is logged, never thrown (the commit it follows stands). */
    public void wake(String tenant, Work work) {
        try {
            producer.send(
                    new ProducerRecord<>(topic, tenant, work.label().getBytes(StandardCharsets.UTF_8)),
                    (metadata, error) -> {
                        if (error != null) {
                            lost(tenant, error);
                        }
                    });
        } catch (RuntimeException e) {
            lost(tenant, e);
        }
    }

    private static void lost(String tenant, Exception error) {
        log.warn(
                "tenant {}: graph wake-up not sent ({}); its work waits for the next partition assignment",
                tenant,
                error.toString());
    }
}
