package dev.hybridrag.core.tenant;

import java.util.List;

/** Everything hybridrag knows about one tenant. */
public record TenantConfig(
        TenantId id,
        Isolation isolation,
        PostgresSettings postgres,
        List<WatchRoot> watch,
        ModelSettings models,
        ApiKeys apiKeys) {

    public TenantConfig {
        if (id == null || isolation == null || postgres == null || models == null || apiKeys == null) {
            throw new IllegalArgumentException(
                    "tenant config needs an id, an isolation mode, PostgreSQL settings and model settings");
        }
        watch = List.copyOf(watch);
    }

    /** A tenant whose queries need no API key. */
    public TenantConfig(
            TenantId id, Isolation isolation, PostgresSettings postgres, List<WatchRoot> watch, ModelSettings models) {
        this(id, isolation, postgres, watch, models, ApiKeys.none());
    }

    /** The value of the {@code workspace} column for this tenant's rows, in either isolation mode. */
    public String workspace() {
        return id.value();
    }
}
