package dev.hybridrag.core.lifecycle;

import java.time.Duration;
import org.slf4j.LoggerFactory;

/**
 * The one lifecycle of everything that runs (after Kafka Connect's {@code WorkerTask}): {@link #start()} returns
 * once the service runs, {@link #stop()} asks it to stop and returns at once, {@link #awaitStop(Duration)} waits a
 * bounded time for it, and {@link #close()} does both and releases what the service holds. Stopping a service that
 * never started, or stopping it twice, is harmless.
 */
public interface Service extends AutoCloseable {

    /** How long {@link #close()} waits for a service to stop before it gives up and says so. */
    Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    /** Names the service in thread names and log lines. */
    String name();

    void start() throws Exception;

    /** Asks the service to stop; never blocks. */
    void stop();

    /** @return whether the service stopped within {@code timeout} */
    boolean awaitStop(Duration timeout) throws InterruptedException;

    /** Stops the service and waits for it, at most {@link #CLOSE_TIMEOUT}, with a log line when that is hit. */
    @Override
    default void close() {
        stop();
        try {
            if (!awaitStop(CLOSE_TIMEOUT)) {
                LoggerFactory.getLogger(Service.class)
                        .warn("{} did not stop within {} s", name(), CLOSE_TIMEOUT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A service made of something started by a call and stopped by a blocking {@code close()} (an HTTP server, a
     * folder watcher, a producer): {@link #stop()} runs that close on a thread of its own, so it does not block.
     */
    static Service of(String name, Starter starter, AutoCloseable resource) {
        return new ClosingService(name, starter, resource);
    }

    /** A resource that needs no start, closed in its turn when its group closes. */
    static Service closing(String name, AutoCloseable resource) {
        return of(name, () -> {}, resource);
    }

    /** What starts a {@link #of service made from a resource}. */
    @FunctionalInterface
    interface Starter {
        void start() throws Exception;
    }
}
