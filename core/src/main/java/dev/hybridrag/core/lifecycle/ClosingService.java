package dev.hybridrag.core.lifecycle;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A resource whose close blocks, given the service lifecycle: the close runs on a named thread of its own. */
final class ClosingService implements Service {

    private static final Logger log = LoggerFactory.getLogger(ClosingService.class);

    private final String name;
    private final Service.Starter starter;
    private final AutoCloseable resource;
    private final CountDownLatch closed = new CountDownLatch(1);
    private boolean stopping;

    ClosingService(String name, Service.Starter starter, AutoCloseable resource) {
        this.name = name;
        this.starter = starter;
        this.resource = resource;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void start() throws Exception {
        starter.start();
    }

    @Override
    public synchronized void stop() {
        if (stopping) {
            return;
        }
        stopping = true;
        Thread.ofPlatform().name(name + "-close").start(this::closeResource);
    }

    private void closeResource() {
        try {
            resource.close();
        } catch (Exception e) {
            log.warn("{} did not close cleanly: {}", name, e.toString());
        } finally {
            closed.countDown();
        }
    }

    @Override
    public boolean awaitStop(Duration timeout) throws InterruptedException {
        return closed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public String toString() {
        return name;
    }
}
