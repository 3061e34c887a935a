package dev.hybridrag.query.api;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.intake.DocumentIntake;

/**
 * query-service's one door into the pipeline for the HTTP resources that change documents (delete, text, upload,
 * retry): one Kafka producer, made on first use so a read-only query-service never opens one.
 */
final class SharedIntake implements AutoCloseable {

    private final Infrastructure infra;
    private DocumentIntake intake;

    SharedIntake(Infrastructure infra) {
        this.infra = infra;
    }

    synchronized DocumentIntake get() {
        if (intake == null) {
            intake = new DocumentIntake(infra, "query-service");
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
