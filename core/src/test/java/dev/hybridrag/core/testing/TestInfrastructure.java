package dev.hybridrag.core.testing;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.config.Environment;
import dev.hybridrag.core.kafka.KafkaClients;
import dev.hybridrag.core.kafka.KafkaSecurity;
import dev.hybridrag.core.storage.Databases;
import dev.hybridrag.core.tenant.Isolation;
import dev.hybridrag.core.tenant.ModelSettings;
import dev.hybridrag.core.tenant.PostgresSettings;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.core.tenant.TenantId;
import dev.hybridrag.core.tenant.TenantRegistry;
import dev.hybridrag.core.tenant.WatchRoot;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** Infrastructure for tests: one tenant on a test database, a test broker, explicit settings. */
public final class TestInfrastructure {

    private TestInfrastructure() {}

    public static TenantConfig tenant(String id, PostgresSettings postgres, Path watchRoot) {
        return tenant(id, postgres, watchRoot, ModelSettings.offline());
    }

    public static TenantConfig tenant(String id, PostgresSettings postgres, Path watchRoot, ModelSettings models) {
        return new TenantConfig(
                TenantId.of(id),
                Isolation.WORKSPACE,
                postgres,
                List.of(new WatchRoot(watchRoot, List.of("**/*.md"))),
                models);
    }

    public static Infrastructure create(
            String bootstrapServers, Map<String, String> settings, TenantConfig... tenants) {
        return new Infrastructure(
                new Environment(settings),
                new TenantRegistry(List.of(tenants)),
                new KafkaClients(
                        bootstrapServers, "consumer", KafkaSecurity.fromEnvironment(new Environment(settings))),
                new Databases(4),
                Clock.systemUTC());
    }
}
