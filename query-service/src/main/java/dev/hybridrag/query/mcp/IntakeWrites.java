package dev.hybridrag.query.mcp;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.chunk.ContentHash;
import dev.hybridrag.core.kafka.FileEventPublisher;
import dev.hybridrag.core.message.FileEvent;
import dev.hybridrag.core.message.FileOperation;
import dev.hybridrag.core.tenant.TenantConfig;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Documents from tools enter as file events, exactly like a file saved in a watched folder. */
final class IntakeWrites implements DocumentWrites {

    private final Infrastructure infra;
    private FileEventPublisher publisher;

    IntakeWrites(Infrastructure infra) {
        this.infra = infra;
    }

    @Override
    public long put(TenantConfig tenant, String path, String text) throws InterruptedException {
        Instant now = infra.clock().instant();
        long version = now.toEpochMilli();
        publisher()
                .publish(new FileEvent(
                        tenant.id().value(),
                        path,
                        FileOperation.MODIFIED,
                        ContentHash.of(text),
                        text.getBytes(StandardCharsets.UTF_8).length,
                        now,
                        version,
                        text));
        return version;
    }

    @Override
    public long delete(TenantConfig tenant, String path) throws InterruptedException {
        Instant now = infra.clock().instant();
        publisher().publishDelete(tenant.id().value(), path, now, now.toEpochMilli());
        return now.toEpochMilli();
    }

    private synchronized FileEventPublisher publisher() {
        if (publisher == null) {
            publisher = new FileEventPublisher(infra.kafka().producer("query-service-mcp"));
        }
        return publisher;
    }

    @Override
    public synchronized void close() {
        if (publisher != null) {
            publisher.close();
        }
    }
}
