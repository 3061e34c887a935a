package dev.hybridrag.core.tenant;

import dev.hybridrag.core.config.ConfigException;
import dev.hybridrag.core.config.Environment;
import dev.hybridrag.core.config.Settings;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured tenants. Lookups by untrusted ids (URLs, CLI) go through {@link #find(String)}. A registry read from a
 * tenants file can be {@linkplain #reload() reloaded} while the fleet runs: tenants added to the file are served from
 * then on (docs/tenants.md); changes to a tenant already served, and removals, take effect at the next start.
 */
public final class TenantRegistry {

    private static final Logger log = LoggerFactory.getLogger(TenantRegistry.class);

    /**
     * @param servedElsewhere tenants the configuration has but this process does not serve (HYBRIDRAG_ONLY)
     */
    private record Snapshot(Map<String, TenantConfig> byId, List<TenantConfig> sorted, Set<String> servedElsewhere) {

        static Snapshot of(List<TenantConfig> tenants, Set<String> servedElsewhere) {
            Map<String, TenantConfig> byId = new LinkedHashMap<>();
            for (TenantConfig tenant : tenants) {
                if (byId.put(tenant.id().value(), tenant) != null) {
                    throw new ConfigException("tenant '" + tenant.id() + "' is configured twice");
                }
            }
            List<TenantConfig> sorted = byId.values().stream()
                    .sorted(Comparator.comparing(t -> t.id().value()))
                    .toList();
            return new Snapshot(Map.copyOf(byId), sorted, Set.copyOf(servedElsewhere));
        }
    }

    private final Supplier<Snapshot> source;
    private final List<Consumer<TenantConfig>> additionListeners = new CopyOnWriteArrayList<>();
    private volatile Snapshot current;

    public TenantRegistry(List<TenantConfig> tenants) {
        this(() -> Snapshot.of(tenants, Set.of()));
    }

    private TenantRegistry(Supplier<Snapshot> source) {
        this.source = source;
        this.current = source.get();
    }

    /** Tenants read from {@code source} now and at every {@link #reload()} (a test's changing list). */
    public static TenantRegistry reloading(Supplier<List<TenantConfig>> source) {
        return new TenantRegistry(() -> Snapshot.of(source.get(), Set.of()));
    }

    /**
     * The tenants of the file HYBRIDRAG_TENANTS_FILE names, or else one tenant from the seeds' single-deployment
     * variables, so an existing HybridRAG {@code .env} works unchanged; narrowed to HYBRIDRAG_ONLY when set.
     */
    public static TenantRegistry fromEnvironment(Environment env) {
        EnvironmentTenant.requirePostgresBackend(env);
        return new TenantRegistry(() -> read(env));
    }

    private static Snapshot read(Environment env) {
        List<TenantConfig> tenants = env.isSet(Settings.TENANTS_FILE)
                ? TenantsFile.load(Path.of(env.get(Settings.TENANTS_FILE)), env)
                : List.of(EnvironmentTenant.read(env));
        if (!env.isSet(Settings.ONLY_TENANTS)) {
            return Snapshot.of(tenants, Set.of());
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
        return Snapshot.of(
                tenants.stream().filter(t -> only.contains(t.id().value())).toList(),
                tenants.stream()
                        .map(t -> t.id().value())
                        .filter(id -> !only.contains(id))
                        .collect(Collectors.toSet()));
    }

    /**
     * Reads the configuration again and serves the tenants it adds; tenants changed or removed are logged and left
     * as they are until the next start. A configuration that does not load is reported and changes nothing.
     *
     * @return the tenants added
     * @throws ConfigException when the configuration is invalid (nothing changed)
     */
    public synchronized List<TenantConfig> reload() {
        Snapshot before = current;
        Snapshot read = source.get();
        List<TenantConfig> added = read.sorted().stream()
                .filter(tenant -> !before.byId().containsKey(tenant.id().value()))
                .toList();
        List<String> notApplied = before.sorted().stream()
                .filter(tenant -> !tenant.equals(read.byId().get(tenant.id().value())))
                .map(tenant -> tenant.id().value())
                .toList();
        if (!notApplied.isEmpty()) {
            log.warn("tenants changed or removed in the configuration, applied at the next start: {}", notApplied);
        }
        if (added.isEmpty()) {
            return added;
        }
        Set<String> servedElsewhere = new HashSet<>(before.servedElsewhere());
        servedElsewhere.addAll(read.servedElsewhere());
        current = Snapshot.of(
                Stream.concat(before.sorted().stream(), added.stream()).toList(), servedElsewhere);
        log.info(
                "tenants added while running: {}",
                added.stream().map(t -> t.id().value()).toList());
        for (TenantConfig tenant : added) {
            for (Consumer<TenantConfig> listener : additionListeners) {
                try {
                    listener.accept(tenant);
                } catch (RuntimeException e) {
                    log.error("tenant {}: could not be taken on: {}", tenant.id(), e.toString(), e);
                }
            }
        }
        return added;
    }

    /** Called with each tenant a {@link #reload()} adds (the watcher starts watching its folders). */
    public void onAdded(Consumer<TenantConfig> listener) {
        additionListeners.add(listener);
    }

    /** Whether this process serves only some of the configured tenants (HYBRIDRAG_ONLY, {@code --only}). */
    public boolean servesSubset() {
        return !current.servedElsewhere().isEmpty();
    }

    /** Whether a tenant is configured but left to another fleet, so its records are not this one's to handle. */
    public boolean isServedElsewhere(String id) {
        return current.servedElsewhere().contains(id);
    }

    public Optional<TenantConfig> find(String id) {
        return TenantId.isValid(id) ? Optional.ofNullable(current.byId().get(id)) : Optional.empty();
    }

    public TenantConfig require(String id) {
        return find(id).orElseThrow(() -> new UnknownTenantException(id));
    }

    /** The tenants served, by id. */
    public Collection<TenantConfig> all() {
        return current.sorted();
    }
}
