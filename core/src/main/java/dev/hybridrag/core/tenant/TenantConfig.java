package dev.hybridrag.core.tenant;

import java.util.List;

/** Everything hybridrag knows about one tenant. */
public record TenantConfig(
        TenantId id,
        Isolation isolation,
        PostgresSettings postgres,
        List<WatchRoot> watch,
        ModelSettings models,
        ApiKeys apiKeys,
        boolean writes) {

    public TenantConfig {
        if (id == null || isolation == null || postgres == null || models == null || apiKeys == null) {
            throw new IllegalArgumentException(
                    "tenant config needs an id, an isolation mode, PostgreSQL settings and model settings");
        }
        watch = List.copyOf(watch);
    }

    /**
     * A tenant whose API callers may only read (no document added or deleted through query-service).
     */
    public TenantConfig(
            TenantId id,
            Isolation isolation,
            PostgresSettings postgres,
            List<WatchRoot> watch,
            ModelSettings models,
            ApiKeys apiKeys) {
        this(id, isolation, postgres, watch, models, apiKeys, false);
    }

    /** A read-only tenant whose queries need no API key. */
    public TenantConfig(
            TenantId id, Isolation isolation, PostgresSettings postgres, List<WatchRoot> watch, ModelSettings models) {
        this(id, isolation, postgres, watch, models, ApiKeys.none());
    }

    /** The same tenant with documents writable through the API or not. */
    public TenantConfig withWrites(boolean allowed) {
        return new TenantConfig(id, isolation, postgres, watch, models, apiKeys, allowed);
    }

    /** The value of the {@code workspace} column for this tenant's rows, in either isolation mode. */
    public String workspace() {
        return id.value();
    }
}
