package dev.hybridrag.cli;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.tenant.TenantConfig;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code tenant create}: what {@code backend init} does, for one tenant. */
@Command(
        name = "create",
        description = "Prepare a tenant configured in tenants.yaml, as backend init does; safe to run again."
                + " Database mode: its login role, database, vector extension and schema. Workspace mode: the"
                + " shared database's schema and application role; its rows come with ingestion.")
final class TenantCreateCommand extends OneTenantCommand {
    @Mixin
    AdminLogin admin;

    @Override
    int run(Infrastructure infra, PrintWriter out) throws Exception {
        TenantConfig config = tenant(infra);
        BackendCommand.Init.init(infra, config, admin.on(config, infra.environment()), out);
        return 0;
    }
}
