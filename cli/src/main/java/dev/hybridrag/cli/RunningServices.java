package dev.hybridrag.cli;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.lifecycle.Service;
import dev.hybridrag.core.lifecycle.ServiceGroup;
import dev.hybridrag.indexer.IndexerService;
import dev.hybridrag.indexer.wake.TenantWakeups;
import dev.hybridrag.query.QueryService;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * The one way services are started, by {@code hybridrag run}, the benchmarks and the tests: any set of them on an
 * {@link Infrastructure} (or several, one per simulated process), stopped in the reverse order, each step bounded.
 */
public final class RunningServices implements Service {

    private final ServiceGroup group = new ServiceGroup("services");

    /** Starts {@code kinds} on {@code infra}, receivers first (see {@link ServiceKind#startRank}). */
    public static RunningServices start(Infrastructure infra, Collection<ServiceKind> kinds) throws Exception {
        RunningServices services = new RunningServices();
        try {
            services.add(infra, kinds);
        } catch (Exception | Error e) {
            services.close();
            throw e;
        }
        return services;
    }

    public static RunningServices start(Infrastructure infra, ServiceKind... kinds) throws Exception {
        return start(infra, Arrays.asList(kinds));
    }

    /** Starts more services (another replica, a service on another infrastructure); returns them in start order. */
    public List<Service> add(Infrastructure infra, Collection<ServiceKind> kinds) throws Exception {
        List<ServiceKind> ordered = kinds.stream()
                .sorted(Comparator.comparingInt(kind -> kind.startRank))
                .toList();
        List<Service> started = ordered.stream().map(kind -> kind.create(infra)).toList();
        for (Service service : started) {
            group.start(service);
        }
        return started;
    }

    /** Starts one more service of {@code kind}. */
    public <S extends Service> S add(Infrastructure infra, ServiceKind kind, Class<S> type) throws Exception {
        return type.cast(add(infra, List.of(kind)).getFirst());
    }

    /**
     * Starts one more indexer whose wake-ups {@code wakeups} makes: the seam a test uses to lose wake-ups on purpose
     * (the send failing after the database commit) and see the assignment sweep find the work anyway.
     */
    public IndexerService addIndexer(
            Infrastructure infra, Function<KafkaProducer<String, byte[]>, TenantWakeups> wakeups) throws Exception {
        return group.start(new IndexerService(infra, wakeups));
    }

    /** Closes one of the services now (a replica scaled away, a service restarted with other settings). */
    public void close(Service service) {
        group.close(service);
    }

    /** Closes every running service of this type now (the watcher, to start it again later). */
    public void close(Class<? extends Service> type) {
        all(type).reversed().forEach(this::close);
    }

    /** The running services of this type, in start order. */
    public <S extends Service> List<S> all(Class<S> type) {
        return group.services().stream()
                .filter(type::isInstance)
                .map(type::cast)
                .toList();
    }

    /** The one running service of this type. */
    public <S extends Service> S get(Class<S> type) {
        List<S> all = all(type);
        if (all.size() != 1) {
            throw new IllegalStateException(all.size() + " services of type " + type.getSimpleName() + " run");
        }
        return all.getFirst();
    }

    /** The port of the (one) running query-service. */
    public int queryPort() {
        return get(QueryService.class).port();
    }

    @Override
    public String name() {
        return group.name();
    }

    @Override
    public void start() {
        // started as they are added
    }

    @Override
    public void stop() {
        group.stop();
    }

    @Override
    public boolean awaitStop(Duration timeout) throws InterruptedException {
        return group.awaitStop(timeout);
    }

    @Override
    public void close() {
        group.close();
    }
}
