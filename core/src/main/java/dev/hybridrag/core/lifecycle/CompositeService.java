package dev.hybridrag.core.lifecycle;

import java.time.Duration;

/**
 * A service made of parts (workers, servers, the producers they write to) that it assembles when it starts; the
 * parts stop in the reverse order, each bounded (see {@link ServiceGroup}).
 */
public abstract class CompositeService implements Service {

    private final ServiceGroup parts;

    protected CompositeService(String name) {
        this.parts = new ServiceGroup(name);
    }

    @Override
    public final String name() {
        return parts.name();
    }

    /** Adds the service's parts to {@code parts}, in start order; they start when this returns. */
    protected abstract void assemble(ServiceGroup parts) throws Exception;

    @Override
    public final void start() throws Exception {
        try {
            assemble(parts);
        } catch (Exception | Error e) {
            parts.close(); // releases what was held before the failure
            throw e;
        }
        parts.start();
    }

    @Override
    public final void stop() {
        parts.stop();
    }

    @Override
    public final boolean awaitStop(Duration timeout) throws InterruptedException {
        return parts.awaitStop(timeout);
    }

    @Override
    public final void close() {
        parts.close();
    }

    @Override
    public String toString() {
        return name();
    }
}
