package dev.hybridrag.cli.monitor;

import dev.hybridrag.cli.monitor.ConsumerLag.GroupLag;
import dev.hybridrag.cli.monitor.FleetSnapshot.Service;
import dev.hybridrag.cli.monitor.PostgresActivity.Connections;
import dev.hybridrag.cli.monitor.PostgresActivity.DatabaseSize;
import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.tenant.TenantConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;

/**
 * Takes snapshots of the fleet: the processes whose pid files {@code ./hybridrag up} keeps, each PostgreSQL server
 * the tenants use (once per server, however many tenants share it), Kafka's consumer groups, and every tenant. CPU
 * shares are measured between two snapshots, so the sampler keeps the previous one.
 */
public final class FleetSampler implements AutoCloseable {

    private final Infrastructure infra;
    private final Path runDir;
    private final Admin admin;
    private Map<String, ServiceSample> previous = Map.of();
    private long previousNanos;

    public FleetSampler(Infrastructure infra, Path runDir) {
        this.infra = infra;
        this.runDir = runDir;
        this.admin = infra.kafka().admin();
    }

    FleetSnapshot sample() {
        List<String> problems = new ArrayList<>();
        List<Service> services = services();
        List<DatabaseSize> sizes = new ArrayList<>();
        List<Connections> connections = new ArrayList<>();
        servers().forEach((server, dataSource) -> {
            try {
                sizes.addAll(PostgresActivity.sizes(server, dataSource));
                connections.addAll(PostgresActivity.connections(server, dataSource));
            } catch (Exception e) {
                problems.add("PostgreSQL " + server + ": " + e.getMessage());
            }
        });
        List<GroupLag> lag = List.of();
        try {
            lag = ConsumerLag.load(admin);
        } catch (Exception e) {
            problems.add("Kafka " + infra.kafka().bootstrapServers() + ": " + e);
        }
        List<TenantActivity> tenants = new ArrayList<>();
        for (TenantConfig tenant : infra.tenants().all()) {
            String id = tenant.id().value();
            try {
                tenants.add(TenantActivity.load(
                        id,
                        infra.dataSource(tenant),
                        tenant.workspace(),
                        infra.models().budget(tenant).spentTodayUsd(),
                        tenant.models().limits().dailyBudgetUsd()));
            } catch (Exception e) {
                problems.add("tenant " + id + ": " + e.getMessage());
            }
        }
        return new FleetSnapshot(Instant.now().toString(), services, sizes, connections, lag, tenants, problems);
    }

    /** One data source per server (host:port): the first tenant's, so server-wide views are read once. */
    private Map<String, DataSource> servers() {
        Map<String, DataSource> servers = new LinkedHashMap<>();
        for (TenantConfig tenant : infra.tenants().all()) {
            String server = tenant.postgres().host() + ":" + tenant.postgres().port();
            servers.computeIfAbsent(server, key -> infra.dataSource(tenant));
        }
        return servers;
    }

    private List<Service> services() {
        long now = System.nanoTime();
        Map<String, ServiceSample> current = new HashMap<>();
        List<Service> services = new ArrayList<>();
        for (Map.Entry<String, Long> pid : pids().entrySet()) {
            ServiceSample.read(pid.getKey(), pid.getValue()).ifPresent(sample -> {
                current.put(sample.name(), sample);
                ServiceSample before = previous.get(sample.name());
                double cpu = before == null ? 0 : sample.cpuPercentSince(before, now - previousNanos);
                services.add(new Service(sample.name(), sample.pid(), cpu, sample.residentBytes()));
            });
        }
        previous = current;
        previousNanos = now;
        return services;
    }

    /** The run directory's pid files, by name in order: postgres, kafka, extractor, extractor-2, ... */
    private Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        if (!Files.isDirectory(runDir)) {
            return pids;
        }
        try (Stream<Path> files = Files.list(runDir)) {
            files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".pid"))
                    .sorted()
                    .forEach(name -> {
                        try {
                            pids.put(
                                    name.substring(0, name.length() - ".pid".length()),
                                    Long.parseLong(Files.readString(runDir.resolve(name))
                                            .strip()));
                        } catch (IOException | NumberFormatException e) {
                            // a pid file being written or removed: the next snapshot sees it
                        }
                    });
        } catch (IOException e) {
            return pids;
        }
        return pids;
    }

    @Override
    public void close() {
        admin.close();
    }
}
