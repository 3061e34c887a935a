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
import java.util.Set;
import java.util.stream.Collectors;

/** The configured tenants. Lookups by untrusted ids (URLs, CLI) go through {@link #find(String)}. */
public final class TenantRegistry {

    private final Map<String, TenantConfig> tenants;
    /** Tenants the configuration has but this process does not serve (HYBRIDRAG_ONLY): another fleet's. */
    private final Set<String> servedElsewhere;

    public TenantRegistry(List<TenantConfig> tenants) {
        this(tenants, Set.of());
    }

    private TenantRegistry(List<TenantConfig> tenants, Set<String> servedElsewhere) {
        Map<String, TenantConfig> byId = new LinkedHashMap<>();
        for (TenantConfig tenant : tenants) {
            if (byId.put(tenant.id().value(), tenant) != null) {
                throw new ConfigException("tenant '" + tenant.id() + "' is configured twice");
            }
        }
        this.tenants = Map.copyOf(byId);
        this.servedElsewhere = Set.copyOf(servedElsewhere);
    }

    /**
     * The tenants of the file HYBRIDRAG_TENANTS_FILE names, or else one tenant from the seeds' single-deployment
     * variables, so an existing HybridRAG {@code .env} works unchanged; narrowed to HYBRIDRAG_ONLY when set.
     */
    public static TenantRegistry fromEnvironment(Environment env) {
        EnvironmentTenant.requirePostgresBackend(env);
        List<TenantConfig> tenants = env.isSet(Settings.TENANTS_FILE)
                ? TenantsFile.load(Path.of(env.get(Settings.TENANTS_FILE)), env)
                : List.of(EnvironmentTenant.read(env));
        if (!env.isSet(Settings.ONLY_TENANTS)) {
            return new TenantRegistry(tenants);
        }
        List<String> only = env.getList(Settings.ONLY_TENANTS);
        List<String> unknown = only.stream()
                .filter(id -> tenants.stream().noneMatch(t -> t.id().value().equals(id)))
                .toList();
        if (!unknown.isEmpty()) {
            throw new ConfigException(Settings.ONLY_TENANTS.name() + " names tenants that are not configured: "
                    + unknown.stream()
                            .map(id -> TenantId.isValid(id) ? id : "(invalid id)")
                            .toList());
        }
        return new TenantRegistry(
                tenants.stream().filter(t -> only.contains(t.id().value())).toList(),
                tenants.stream()
                        .map(t -> t.id().value())
                        .filter(id -> !only.contains(id))
                        .collect(Collectors.toSet()));
    }

    /** Whether this process serves only some of the configured tenants (HYBRIDRAG_ONLY, {@code --only}). */
    public boolean servesSubset() {
        return !servedElsewhere.isEmpty();
    }

    /** Whether a tenant is configured but left to another fleet, so its records are not this one's to handle. */
    public boolean isServedElsewhere(String id) {
        return servedElsewhere.contains(id);
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
