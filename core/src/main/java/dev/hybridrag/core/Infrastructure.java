package dev.hybridrag.core;

import dev.hybridrag.core.config.Environment;
import dev.hybridrag.core.kafka.KafkaClients;
import dev.hybridrag.core.kafka.TopicLayout;
import dev.hybridrag.core.kafka.Topics;
import dev.hybridrag.core.metrics.LlmMeters;
import dev.hybridrag.core.metrics.PrometheusMetrics;
import dev.hybridrag.core.storage.Databases;
import dev.hybridrag.core.storage.PoolSettings;
import dev.hybridrag.core.storage.SpendLedgerTable;
import dev.hybridrag.core.storage.WorkspaceDataSource;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.core.tenant.TenantRegistry;
import java.time.Clock;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;

/**
 * What every service is built from: the tenants, Kafka, PostgreSQL pools and a clock. Built once per process from
 * the environment (or by a test), closed last.
 */
public final class Infrastructure implements AutoCloseable {

    private final Environment environment;
    private final TenantRegistry tenants;
    private final KafkaClients kafka;
    private final Databases databases;
    private final Clock clock;
    private final TenantModels models;
    private final Topics topics;
    private PrometheusMetrics metrics;

    public Infrastructure(
            Environment environment, TenantRegistry tenants, KafkaClients kafka, Databases databases, Clock clock) {
        this.environment = environment;
        this.tenants = tenants;
        this.kafka = kafka;
        this.databases = databases;
        this.clock = clock;
        this.topics = Topics.from(environment);
        // Every tenant's calls are written down in its own tables, where every process of the fleet reads its spend.
        this.models = new TenantModels(
                clock, tenant -> new SpendLedgerTable(dataSource(tenant), tenant.workspace()), new LlmMeters());
    }

    public static Infrastructure fromEnvironment(Environment environment) {
        return new Infrastructure(
                environment,
                TenantRegistry.fromEnvironment(environment),
                KafkaClients.fromEnvironment(environment),
                new Databases(PoolSettings.fromEnvironment(environment)),
                Clock.systemUTC());
    }

    public Environment environment() {
        return environment;
    }

    /** The deployment's topic and consumer-group names (HYBRIDRAG_KAFKA_PREFIX). */
    public Topics topics() {
        return topics;
    }

    public TenantRegistry tenants() {
        return tenants;
    }

    public KafkaClients kafka() {
        return kafka;
    }

    public Clock clock() {
        return clock;
    }

    /** Each tenant's chunker, embedder and extractor, built on first use. */
    public TenantModels models() {
        return models;
    }

    /** This process's connection pools; their caps and counters. */
    public Databases databases() {
        return databases;
    }

    /**
     * The one way to the tenant's tables: its database's shared pool, each connection set to the tenant's workspace
     * before it is handed out, so row-level security shows it the tenant's rows only (docs/isolation.md).
     */
    public DataSource dataSource(TenantConfig tenant) {
        return new WorkspaceDataSource(databases.dataSource(tenant.postgres()), tenant.workspace());
    }

    /**
     * This process's Prometheus registry, created on first use (a process that runs services; tests that ask): from
     * then on every meter recorded anywhere in the process is in it.
     */
    public synchronized PrometheusMetrics metrics() {
        if (metrics == null) {
            metrics = new PrometheusMetrics();
        }
        return metrics;
    }

    /** Creates the pipeline's topics if they are missing. */
    public void ensureTopics() {
        try (Admin admin = kafka.admin()) {
            topics.ensure(admin, TopicLayout.fromEnvironment(environment));
        }
    }

    @Override
    public void close() {
        databases.close();
        synchronized (this) {
            if (metrics != null) {
                metrics.close();
            }
        }
    }
}
