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
     * The tenants of the file HYBRIDRAG_TENANTS_FILE names, or else one tenant from the seeds' single-deployment
     * variables, so an existing HybridRAG {@code .env} works unchanged; narrowed to HYBRIDRAG_ONLY when set.
     */
    public static TenantRegistry fromEnvironment(Environment env) {
        List<TenantConfig> tenants = env.isSet(Settings.TENANTS_FILE)
                ? TenantsFile.load(Path.of(env.get(Settings.TENANTS_FILE)), env)
                : List.of(fromSeedVariables(env));
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
                tenants.stream().filter(t -> only.contains(t.id().value())).toList());
    }

    /**
     * The seeds' single deployment: POSTGRES_* (or HYBRIDRAG_APP_USER's login), LIGHTRAG_WORKSPACE (as tenant id when HYBRIDRAG_TENANT is unset),
     * the model variables, and hybridrag's own watch and API key settings.
     */
    private static TenantConfig fromSeedVariables(Environment env) {
        String id = env.isSet(Settings.TENANT) || !env.isSet(Settings.LIGHTRAG_WORKSPACE)
                ? env.get(Settings.TENANT)
                : env.get(Settings.LIGHTRAG_WORKSPACE);
        if (!TenantId.isValid(id)) {
            throw new ConfigException("tenant id '" + id + "' is invalid: it must match [a-z][a-z0-9_]{0,62}");
        }
        PostgresSettings postgres = LocalServer.forTenant(env, id, Isolation.WORKSPACE);
        WatchRoot watch = new WatchRoot(Path.of(env.get(Settings.WATCH_ROOT)), env.getList(Settings.WATCH_PATTERNS));
        return new TenantConfig(
                TenantId.of(id),
                Isolation.WORKSPACE,
                postgres,
                List.of(watch),
                ModelSettingsFromEnvironment.read(env),
                ApiKeys.of(env.getList(Settings.API_KEYS)));
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
