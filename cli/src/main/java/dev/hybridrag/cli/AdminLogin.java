package dev.hybridrag.cli;

import dev.hybridrag.core.config.Environment;
import dev.hybridrag.core.config.Settings;
import dev.hybridrag.core.tenant.PostgresSettings;
import dev.hybridrag.core.tenant.TenantConfig;
import picocli.CommandLine.Option;

/** The administrator that commands creating or dropping tenants connect as: options, or POSTGRES_USER/PASSWORD. */
final class AdminLogin {

    @Option(names = "--admin-user", description = "a role that may create roles and databases (default: POSTGRES_USER)")
    String user;

    @Option(
            names = "--admin-password-env",
            description = "variable holding that role's password (default: POSTGRES_PASSWORD)")
    String passwordVariable;

    /** The administrator on the tenant's server, connected to its maintenance database. */
    PostgresSettings on(TenantConfig tenant, Environment env) {
        return new PostgresSettings(
                tenant.postgres().host(),
                tenant.postgres().port(),
                "postgres",
                user != null ? user : env.get(Settings.POSTGRES_USER),
                passwordVariable != null ? env.variable(passwordVariable) : env.get(Settings.POSTGRES_PASSWORD));
    }
}
