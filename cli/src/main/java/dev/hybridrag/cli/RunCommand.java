package dev.hybridrag.cli;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.config.Environment;
import dev.hybridrag.core.config.Settings;
import dev.hybridrag.core.metrics.MetricsServer;
import dev.hybridrag.core.metrics.MetricsSettings;
import dev.hybridrag.core.metrics.PrometheusMetrics;
import dev.hybridrag.core.metrics.TenantGauges;
import dev.hybridrag.core.tenant.TenantsFileReloader;
import dev.hybridrag.extractor.ExtractorService;
import dev.hybridrag.indexer.IndexerService;
import dev.hybridrag.query.QueryServer;
import dev.hybridrag.query.QuerySettings;
import dev.hybridrag.watcher.WatcherService;
import dev.hybridrag.watcher.WatcherSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Runs one or more services in this process until it is told to stop (SIGTERM or Ctrl-C). */
@Command(name = "run", description = "Run services: watcher, extractor, indexer, query.")
final class RunCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

    enum Service {
        watcher,
        extractor,
        indexer,
        query
    }

    @Parameters(arity = "1..*", description = "services to run: ${COMPLETION-CANDIDATES}")
    List<Service> services;

    @Option(
            names = "--only",
            paramLabel = "T1,T2",
            description = "serve only these tenants (default: every configured one; same as HYBRIDRAG_ONLY)")
    String only;

    @Override
    public Integer call() throws Exception {
        Environment environment = Environment.system();
        if (only != null) {
            environment = environment.with(Settings.ONLY_TENANTS, only);
        }
        Infrastructure infra = Infrastructure.fromEnvironment(environment);
        Deque<AutoCloseable> started = new ArrayDeque<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
            stopAll(started, infra);
            stopped.countDown();
        }));
        try {
            started.push(metrics(infra));
            for (Service service : services) {
                started.push(start(service, infra));
                log.info("{} started", service); // ./hybridrag up and scale wait for this line
            }
            if (environment.isSet(Settings.TENANTS_FILE)) {
                // Tenants added to the file are served without a restart (docs/tenants.md).
                started.push(new TenantsFileReloader(Path.of(environment.get(Settings.TENANTS_FILE)), infra.tenants())
                        .start());
            }
            if (services.contains(Service.extractor) || services.contains(Service.query)) {
                Thread.ofVirtual().name("warm-up").start(() -> warmUp(infra));
            }
        } catch (Exception e) {
            log.error("start failed: {}", Errors.describe(e), e);
            System.exit(1);
        }
        stopped.await();
        return 0;
    }

    /**
     * The process's meters: query-service serves them at {@code /metrics} and reports the tenants' database gauges; a
     * process without it serves them on a metrics port of its own, or runs without when the port cannot be had.
     */
    private AutoCloseable metrics(Infrastructure infra) {
        PrometheusMetrics metrics = infra.metrics();
        if (services.contains(Service.query)) {
            return new TenantGauges(infra).start(Duration.ofSeconds(15));
        }
        MetricsSettings settings = MetricsSettings.from(infra.environment());
        if (!settings.enabled()) {
            return () -> {};
        }
        Optional<MetricsServer> server = MetricsServer.start(settings.host(), settings.port(), metrics);
        return server.isPresent() ? server.get() : () -> {};
    }

    private static AutoCloseable start(Service service, Infrastructure infra) throws Exception {
        Environment env = infra.environment();
        switch (service) {
            case watcher -> {
                WatcherService watcher = new WatcherService(infra, WatcherSettings.from(env));
                watcher.start();
                return watcher;
            }
            case extractor -> {
                ExtractorService extractor = new ExtractorService(infra);
                extractor.start();
                return extractor;
            }
            case indexer -> {
                IndexerService indexer = new IndexerService(infra);
                indexer.start();
                return indexer;
            }
            case query -> {
                QueryServer server =
                        new QueryServer(infra, QuerySettings.from(env).address());
                server.start();
                return server;
            }
            default -> throw new IllegalArgumentException("unknown service " + service);
        }
    }

    /** The models the extractor and query-service use, loaded now rather than for the first file or query. */
    private static void warmUp(Infrastructure infra) {
        try {
            infra.tenants().all().forEach(infra.models()::warmUp);
        } catch (RuntimeException e) {
            log.warn("warming up the models: {}", Errors.describe(e));
        }
    }

    // Reverse start order: consumers stop before the pools they write to close.
    private static void stopAll(Deque<AutoCloseable> started, Infrastructure infra) {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                log.warn("stopping a service: {}", e.getMessage());
            }
        }
        infra.close();
    }
}
