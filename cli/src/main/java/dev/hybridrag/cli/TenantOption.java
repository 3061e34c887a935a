package dev.hybridrag.cli;

import dev.hybridrag.core.config.ConfigException;
import dev.hybridrag.core.config.Environment;
import dev.hybridrag.core.config.Settings;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.core.tenant.TenantRegistry;
import java.util.Collection;
import picocli.CommandLine.Option;

/**
 * {@code --tenant}, optional where one tenant is configured: a seeds-style {@code .env} (LIGHTRAG_WORKSPACE) names
 * it, so the user stories' commands run without the option, as the Python tool's did.
 */
final class TenantOption {

    @Option(
            names = "--tenant",
            paramLabel = "ID",
            description = "tenant id (default: the only configured tenant, e.g. the .env's LIGHTRAG_WORKSPACE)")
    String tenant;

    /**
     * The tenant named, or the only configured one; several configured and none named is an error naming them. Where
     * the configuration cannot be read here (a query from a machine without the services' settings), the server
     * decides: the id HYBRIDRAG_TENANT gives, {@code default} unless set.
     */
    String id(Environment env) {
        if (tenant != null) {
            return tenant;
        }
        Collection<TenantConfig> all;
        try {
            all = TenantRegistry.fromEnvironment(env).all();
        } catch (ConfigException e) {
            return env.get(Settings.TENANT);
        }
        if (all.size() == 1) {
            return all.iterator().next().id().value();
        }
        throw new ConfigException(all.size() + " tenants are configured ("
                + String.join(", ", all.stream().map(t -> t.id().value()).toList())
                + "): name one with --tenant");
    }
}
