package dev.hybridrag.core.lifecycle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Services that start in the order they were added and stop in the reverse order, each step bounded: what feeds
 * others stops first (a watcher before the workers, a consumer before the producer it writes to). If one fails to
 * start, those already started are closed and the failure is thrown.
 */
public final class ServiceGroup implements Service {

    private static final Logger log = LoggerFactory.getLogger(ServiceGroup.class);

    private final String name;
    private final List<Service> added = new ArrayList<>();
    private final List<Service> started = new ArrayList<>();

    public ServiceGroup(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    /** Adds a service, started by the next {@link #start()}. */
    public synchronized <S extends Service> S add(S service) {
        added.add(service);
        return service;
    }

    /** Adds a resource that needs no start (a producer), closed after everything added after it. */
    public synchronized <R extends AutoCloseable> R hold(String resourceName, R resource) {
        add(Service.closing(resourceName, resource));
        return resource;
    }

    /** Starts every service added since the last start, in order. */
    @Override
    public void start() throws Exception {
        Service next;
        while ((next = nextToStart()) != null) {
            try {
                next.start();
            } catch (Exception | Error e) {
                next.close();
                close();
                throw e;
            }
            synchronized (this) {
                started.add(next);
            }
        }
    }

    private synchronized Service nextToStart() {
        return added.isEmpty() ? null : added.removeFirst();
    }

    /** Adds a service and starts it now. */
    public <S extends Service> S start(S service) throws Exception {
        add(service);
        start();
        return service;
    }

    /** Closes one service of the group now and forgets it (a replica scaled away). */
    public void close(Service service) {
        synchronized (this) {
            if (!started.remove(service) && !added.remove(service)) {
                throw new IllegalArgumentException(service.name() + " is not in " + name);
            }
        }
        service.close();
    }

    /** The started services, in start order. */
    public synchronized List<Service> services() {
        return List.copyOf(started);
    }

    @Override
    public void stop() {
        services().reversed().forEach(Service::stop);
    }

    @Override
    public boolean awaitStop(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean all = true;
        for (Service service : services().reversed()) {
            all &= service.awaitStop(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
        return all;
    }

    /** Closes the services one at a time, last started first, each within its own time limit. */
    @Override
    public void close() {
        List<Service> closing;
        synchronized (this) {
            List<Service> all = new ArrayList<>(started);
            all.addAll(added); // never started, but may hold something (a producer)
            closing = all.reversed();
            started.clear();
            added.clear();
        }
        for (Service service : closing) {
            try {
                service.close();
            } catch (RuntimeException e) {
                log.warn("{}: closing {} failed: {}", name, service.name(), e.toString());
            }
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
