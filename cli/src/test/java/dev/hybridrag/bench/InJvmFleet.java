package dev.hybridrag.bench;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.config.Environment;
import dev.hybridrag.core.kafka.KafkaClients;
import dev.hybridrag.core.storage.Databases;
import dev.hybridrag.core.storage.PoolSettings;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.core.tenant.TenantRegistry;
import dev.hybridrag.extractor.ExtractorService;
import dev.hybridrag.indexer.IndexerService;
import dev.hybridrag.query.QueryServer;
import dev.hybridrag.watcher.WatcherService;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The four services in this JVM, each on an {@link Infrastructure} of its own, so each has its own connection pools
 * and its own server cap, as the four processes of {@code ./hybridrag up} would.
 */
final class InJvmFleet implements AutoCloseable {

    private final Map<String, Infrastructure> processes = new LinkedHashMap<>();
    private final List<AutoCloseable> services = new ArrayList<>();
    private final QueryServer query;

    InJvmFleet(String bootstrapServers, List<TenantConfig> tenants, PoolSettings limits) throws Exception {
        try {
            IndexerService indexer = new IndexerService(process("indexer", bootstrapServers, tenants, limits));
            indexer.start();
            services.add(indexer);
            ExtractorService extractor = new ExtractorService(process("extractor", bootstrapServers, tenants, limits));
            extractor.start();
            services.add(extractor);
            query = new QueryServer(
                    process("query", bootstrapServers, tenants, limits),
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            query.start();
            services.add(query);
            WatcherService watcher =
                    new WatcherService(process("watcher", bootstrapServers, tenants, limits), Duration.ofMillis(200));
            watcher.start();
            services.add(watcher);
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    private Infrastructure process(
            String name, String bootstrapServers, List<TenantConfig> tenants, PoolSettings limits) {
        Infrastructure infra = new Infrastructure(
                new Environment(Map.of()),
                new TenantRegistry(tenants),
                new KafkaClients(bootstrapServers),
                new Databases(limits),
                Clock.systemUTC());
        processes.put(name, infra);
        return infra;
    }

    int queryPort() {
        return query.port();
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
    public void close() throws Exception {
        for (AutoCloseable service : services.reversed()) {
            service.close();
        }
        for (Infrastructure infra : processes.values()) {
            infra.close();
        }
    }
}
