package dev.hybridrag.core.intake;

import dev.hybridrag.core.Infrastructure;

/**
 * A {@link DocumentIntake} opened on first use, its Kafka producer with it: query-service's HTTP resources and MCP
 * tools that change documents share this shape, so a read-only query-service never opens a producer.
 */
public final class LazyIntake implements AutoCloseable {

    private final Infrastructure infra;
    private final String clientId;
    private DocumentIntake intake;

    public LazyIntake(Infrastructure infra, String clientId) {
        this.infra = infra;
        this.clientId = clientId;
    }

    public synchronized DocumentIntake get() {
        if (intake == null) {
            intake = new DocumentIntake(infra, clientId);
        }
        return intake;
    }

    @Override
    public synchronized void close() {
        if (intake != null) {
            intake.close();
        }
    }
}
