package dev.hybridrag.cli;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.storage.TenantDatabase;
import dev.hybridrag.core.tenant.PostgresSettings;
import dev.hybridrag.core.tenant.TenantConfig;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tenant drop}: one tenant's data removed for good, and nothing of any other tenant's. */
@Command(
        name = "drop",
        description = "Remove one tenant's data for good. Database mode: its database and its role (only this"
                + " tenant's rows when another tenant shares the database; the role stays when another uses it)."
                + " Workspace mode: its rows in the shared tables. Asks for the tenant id on a terminal; needs"
                + " --yes otherwise.")
final class TenantDropCommand extends OneTenantCommand {
    @Option(names = "--yes", description = "drop without asking (required when not run on a terminal)")
    boolean yes;

    @Mixin
    AdminLogin admin;

    @Override
    int run(Infrastructure infra, PrintWriter out) throws Exception {
        TenantConfig config = tenant(infra);
        if (!yes && !confirmed(config)) {
            return 2;
        }
        PostgresSettings where = config.postgres();
        boolean sharesDatabase = infra.tenants().all().stream()
                .anyMatch(other -> other != config && sameDatabase(other.postgres(), where));
        boolean sharesRole = infra.tenants().all().stream()
                .anyMatch(other -> other != config
                        && sameServer(other.postgres(), where)
                        && other.postgres().user().equals(where.user()));
        List<String> removed = TenantDatabase.drop(
                config, admin.on(config, infra.environment()), infra::dataSource, sharesDatabase, sharesRole);
        out.printf(
                "dropped %s: %s%n  remove it from tenants.yaml too, or its services will fill it again%n",
                tenant, removed.isEmpty() ? "nothing was left" : String.join(", ", removed));
        return 0;
    }

    private boolean confirmed(TenantConfig config) {
        PrintWriter err = err();
        if (System.console() == null) {
            err.println("tenant drop removes " + config.id() + "'s data for good; pass --yes to confirm"
                    + " (no terminal to ask on)");
            err.flush();
            return false;
        }
        String answer = System.console()
                .readLine("This removes %s's data for good. Type the tenant id to go on: ", config.id());
        if (answer == null || !answer.strip().equals(config.id().value())) {
            err.println("not dropped");
            err.flush();
            return false;
        }
        return true;
    }

    private static boolean sameServer(PostgresSettings a, PostgresSettings b) {
        return a.host().equals(b.host()) && a.port() == b.port();
    }

    private static boolean sameDatabase(PostgresSettings a, PostgresSettings b) {
        return sameServer(a, b) && a.database().equals(b.database());
    }
}
