package dev.hybridrag.cli;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.config.Environment;
import dev.hybridrag.core.tenant.TenantConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tenant create}: what {@code backend init} does, for one tenant. */
@Command(
        name = "create",
        description = "Prepare a tenant configured in tenants.yaml, as backend init does; safe to run again."
                + " Database mode: its login role, database, vector extension and schema. Workspace mode: the"
                + " shared database's schema and application role; its rows come with ingestion.")
final class TenantCreateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TENANT")
    String tenant;

    @Mixin
    AdminLogin admin;

    @Override
    public Integer call() throws Exception {
        Environment env = Environment.system();
        try (Infrastructure infra = Infrastructure.fromEnvironment(env)) {
            TenantConfig config = infra.tenants().require(tenant);
            BackendCommand.Init.init(
                    infra, config, admin.on(config, env), spec.commandLine().getOut());
        }
        return 0;
    }
}
