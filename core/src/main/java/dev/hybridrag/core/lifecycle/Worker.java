package dev.hybridrag.core.lifecycle;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * A service that is one named thread repeating {@link #iteration()} until stopped, the shape of Kafka Connect's
 * {@code WorkerTask}: {@code initialize(); while (!isStopping()) iteration();} and {@link #release()} in
 * {@code finally}. One error policy for all: an interrupt stops the worker; a {@link VirtualMachineError} ends it
 * (nothing sensible can follow); any other failure is logged and the next iteration comes after {@code errorPause}.
 * A worker never dies on one bad iteration: what it did not finish is done again, and doing it again is harmless.
 */
public abstract class Worker implements Service {

    private static final Logger log = LoggerFactory.getLogger(Worker.class);

    private final String name;
    private final Duration errorPause;
    // Counted down by stop(): wakes a worker resting between iterations at once.
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private Thread thread;

    protected Worker(String name, Duration errorPause) {
        this.name = name;
        this.errorPause = errorPause;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException(name + " already started");
        }
        thread = Thread.ofPlatform().name(name).start(this::execute);
    }

    private void execute() {
        MDC.put("service", name);
        try {
            initialize();
            while (!isStopping()) {
                try {
                    iteration();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stop();
                } catch (VirtualMachineError e) {
                    log.error("{} ends: {}", name, e.toString());
                    throw e;
                } catch (Exception | Error e) {
                    if (isStopping()) {
                        break; // woken or interrupted on the way out
                    }
                    log.error("{} iteration failed; continuing in {} ms", name, errorPause.toMillis(), e);
                    rest(errorPause);
                }
            }
        } catch (Exception e) {
            log.error("{} could not start", name, e);
        } finally {
            try {
                release();
            } finally {
                stopped.countDown();
                log.info("{} stopped", name);
                MDC.clear();
            }
        }
    }

    /** Runs first on the worker's thread (subscribing, say). */
    protected void initialize() throws Exception {}

    /** One round of work; the loop repeats it until the worker is stopped. */
    protected abstract void iteration() throws Exception;

    /** Wakes whatever the worker's thread may be blocked in (a consumer's poll); called by {@link #stop()}. */
    protected void wakeup() {}

    /** Releases what the worker holds; runs last on its thread, whatever happened. */
    protected void release() {}

    protected final boolean isStopping() {
        return stopRequested.getCount() == 0;
    }

    /** Waits {@code duration}, or less when the worker is stopped meanwhile; an interrupt stops the worker. */
    protected final void rest(Duration duration) {
        try {
            stopRequested.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
        }
    }

    @Override
    public final void stop() {
        if (isStopping()) {
            return;
        }
        stopRequested.countDown();
        wakeup();
    }

    @Override
    public final boolean awaitStop(Duration timeout) throws InterruptedException {
        synchronized (this) {
            if (thread == null) {
                return true;
            }
        }
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public String toString() {
        return name;
    }
}
