package dev.hybridrag.core.tenant;

import dev.hybridrag.core.config.ConfigException;
import dev.hybridrag.core.config.Environment;
import dev.hybridrag.core.config.Settings;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The configured tenants. Lookups by untrusted ids (URLs, CLI) go through {@link #find(String)}. */
public final class TenantRegistry {

    private final Map<String, TenantConfig> tenants;

    public TenantRegistry(List<TenantConfig> tenants) {
        Map<String, TenantConfig> byId = new LinkedHashMap<>();
        for (TenantConfig tenant : tenants) {
            if (byId.put(tenant.id().value(), tenant) != null) {
                throw new ConfigException("tenant '" + tenant.id() + "' is configured twice");
            }
        }
        this.tenants = Map.copyOf(byId);
    }

    /**
     * One tenant from the seeds' single-deployment variables, so an existing HybridRAG {@code .env} works
     * unchanged: POSTGRES_*, LIGHTRAG_WORKSPACE, plus hybridrag's own watch settings.
     */
    public static TenantRegistry fromEnvironment(Environment env) {
        String id = env.isSet(Settings.TENANT) || !env.isSet(Settings.LIGHTRAG_WORKSPACE)
                ? env.get(Settings.TENANT)
                : env.get(Settings.LIGHTRAG_WORKSPACE);
        if (!TenantId.isValid(id)) {
            throw new ConfigException("tenant id '" + id + "' is invalid: it must match [a-z][a-z0-9_]{0,62}");
        }
        PostgresSettings postgres = new PostgresSettings(
                env.get(Settings.POSTGRES_HOST),
                env.getInt(Settings.POSTGRES_PORT, 1, 65535),
                env.get(Settings.POSTGRES_DB),
                env.get(Settings.POSTGRES_USER),
                env.get(Settings.POSTGRES_PASSWORD));
        WatchRoot watch = new WatchRoot(Path.of(env.get(Settings.WATCH_ROOT)), env.getList(Settings.WATCH_PATTERNS));
        return new TenantRegistry(List.of(new TenantConfig(
                TenantId.of(id),
                Isolation.WORKSPACE,
                postgres,
                List.of(watch),
                ModelSettingsFromEnvironment.read(env))));
    }

    public Optional<TenantConfig> find(String id) {
        return TenantId.isValid(id) ? Optional.ofNullable(tenants.get(id)) : Optional.empty();
    }

    public TenantConfig require(String id) {
        return find(id).orElseThrow(() -> new UnknownTenantException(id));
    }

    public Collection<TenantConfig> all() {
        return tenants.values().stream()
                .sorted((a, b) -> a.id().value().compareTo(b.id().value()))
                .toList();
    }
}
