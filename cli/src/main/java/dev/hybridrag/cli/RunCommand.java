package dev.hybridrag.cli;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.config.Environment;
import dev.hybridrag.core.config.Settings;
import dev.hybridrag.core.metrics.MetricsServer;
import dev.hybridrag.core.metrics.MetricsSettings;
import dev.hybridrag.core.metrics.TenantGauges;
import dev.hybridrag.core.tenant.TenantsFileReloader;
import java.nio.file.Path;
import java.time.Duration;
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

    @Parameters(arity = "1..*", description = "services to run: ${COMPLETION-CANDIDATES}")
    List<ServiceKind> services;

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
        AutoCloseable metrics = metrics(infra);
        RunningServices running;
        try {
            running = RunningServices.start(infra, services);
        } catch (Exception e) {
            log.error("start failed: {}", Errors.describe(e), e);
            closeQuietly(metrics);
            infra.close();
            System.exit(1);
            return 1;
        }
        for (ServiceKind service : services) {
            log.info("{} started", service); // ./hybridrag up and scale wait for this line
        }
        if (services.contains(ServiceKind.extractor) || services.contains(ServiceKind.query)) {
            Thread.ofVirtual().name("warm-up").start(() -> warmUp(infra));
        }
        // Tenants added to the file are served without a restart (docs/tenants.md).
        AutoCloseable reloader = environment.isSet(Settings.TENANTS_FILE)
                ? new TenantsFileReloader(Path.of(environment.get(Settings.TENANTS_FILE)), infra.tenants()).start()
                : () -> {};
        CountDownLatch stopped = new CountDownLatch(1);
        // Services stop in the reverse order they started, each bounded; the pools they write to close last.
        Runtime.getRuntime()
                .addShutdownHook(Thread.ofPlatform().name("shutdown").unstarted(() -> {
                    closeQuietly(reloader);
                    running.close();
                    closeQuietly(metrics);
                    infra.close();
                    stopped.countDown();
                }));
        stopped.await();
        return 0;
    }

    /**
     * The process's meters: query-service serves them at {@code /metrics} and reports the tenants' database gauges; a
     * process without it serves them on a metrics port of its own, or runs without when the port cannot be had.
     */
    private AutoCloseable metrics(Infrastructure infra) {
        if (services.contains(ServiceKind.query)) {
            return new TenantGauges(infra).start(Duration.ofSeconds(15));
        }
        MetricsSettings settings = MetricsSettings.from(infra.environment());
        if (!settings.enabled()) {
            return () -> {};
        }
        Optional<MetricsServer> server = MetricsServer.start(settings.host(), settings.port(), infra.metrics());
        return server.isPresent() ? server.get() : () -> {};
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            log.warn("stopping the metrics: {}", e.getMessage());
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
}
