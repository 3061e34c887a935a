package dev.hybridrag.indexer;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A thread of its own that repeats a round of work until stopped, resting when a round found nothing to do: the
 * shape of the indexer's background workers (the graph materializer, the re-embedder).
 */
public abstract class BackgroundLoop implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BackgroundLoop.class);

    private final String name;
    private final Duration idlePause;
    private final Duration closeWait;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean stopping;
    private Thread thread;

    /**
     * @param idlePause the rest after a round that did nothing
     * @param closeWait how long {@link #close()} waits for the round under way to end
     */
    protected BackgroundLoop(String name, Duration idlePause, Duration closeWait) {
        this.name = name;
        this.idlePause = idlePause;
        this.closeWait = closeWait;
    }

    /** One round of work; returns whether it did any (if not, the loop rests before the next). */
    protected abstract boolean round();

    public synchronized void start() {
        thread = Thread.ofPlatform().name(name).start(this::execute);
    }

    private void execute() {
        try {
            while (!stopping) {
                if (!round()) {
                    pause(idlePause);
                }
            }
        } finally {
            stopped.countDown();
        }
    }

    protected final boolean stopping() {
        return stopping;
    }

    /** Sleeps; an interrupt stops the loop. */
    protected final void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }

    public void stop() {
        stopping = true;
    }

    @Override
    public void close() {
        stop();
        try {
            if (thread != null && !stopped.await(closeWait.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("{} did not stop within {} s", name, closeWait.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
