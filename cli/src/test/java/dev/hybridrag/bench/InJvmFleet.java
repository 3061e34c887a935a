package dev.hybridrag.bench;

import dev.hybridrag.cli.RunningServices;
import dev.hybridrag.cli.ServiceKind;
import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.config.Environment;
import dev.hybridrag.core.kafka.KafkaClients;
import dev.hybridrag.core.storage.Databases;
import dev.hybridrag.core.storage.PoolSettings;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.core.tenant.TenantRegistry;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The four services in this JVM, each on an {@link Infrastructure} of its own, so each has its own connection pools
 * and its own server cap, as the four processes of {@code ./hybridrag up} would.
 */
final class InJvmFleet implements AutoCloseable {

    /** query-service on a free loopback port; the watcher's debounce as the benchmarks set it. */
    private static final Map<String, String> SETTINGS =
            Map.of("HYBRIDRAG_QUERY_HOST", "127.0.0.1", "HYBRIDRAG_QUERY_PORT", "0", "HYBRIDRAG_DEBOUNCE_MS", "200");

    private final Map<String, Infrastructure> processes = new LinkedHashMap<>();
    private final RunningServices services = new RunningServices();

    InJvmFleet(String bootstrapServers, List<TenantConfig> tenants, PoolSettings limits) throws Exception {
        try {
            for (ServiceKind kind :
                    List.of(ServiceKind.indexer, ServiceKind.extractor, ServiceKind.query, ServiceKind.watcher)) {
                services.add(process(kind.name(), bootstrapServers, tenants, limits), List.of(kind));
            }
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    private Infrastructure process(
            String name, String bootstrapServers, List<TenantConfig> tenants, PoolSettings limits) {
        Infrastructure infra = new Infrastructure(
                new Environment(SETTINGS),
                new TenantRegistry(tenants),
                new KafkaClients(bootstrapServers),
                new Databases(limits),
                Clock.systemUTC());
        processes.put(name, infra);
        return infra;
    }

    int queryPort() {
        return services.queryPort();
    }

    /** The query-service's infrastructure, for reading what the pipeline wrote as an operator's command would. */
    Infrastructure queryProcess() {
        return processes.get("query");
    }

    /** The most connections each service held to its server at once. */
    Map<String, Integer> peakConnections() {
        Map<String, Integer> peaks = new LinkedHashMap<>();
        processes.forEach((name, infra) -> peaks.put(
                name,
                infra.databases().peakConnections().values().stream()
                        .mapToInt(Integer::intValue)
                        .max()
                        .orElse(0)));
        return peaks;
    }

    @Override
    public void close() {
        services.close();
        for (Infrastructure infra : processes.values()) {
            infra.close();
        }
    }
}
