package dev.hybridrag.cli;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.config.Environment;
import dev.hybridrag.core.storage.TenantSnapshot;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.core.tenant.TenantId;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Operator commands on tenants. */
@Command(name = "tenant", description = "Tenant administration.", subcommands = TenantCommand.Diff.class)
final class TenantCommand {

    @Command(
            name = "diff",
            description = "Compare two tenants' documents, chunks, fragments, entities and relations by content."
                    + " Prints 'equal' (exit 0) or the differences (exit 1).")
    static final class Diff implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "T1")
        String first;

        @Parameters(index = "1", paramLabel = "T2")
        String second;

        @Option(names = "--max-lines", defaultValue = "20", description = "differing rows shown per table")
        int maxLines;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            try (Infrastructure infra = Infrastructure.fromEnvironment(Environment.system())) {
                TenantSnapshot a = snapshot(infra, first);
                TenantSnapshot b = snapshot(infra, second);
                if (a.dirtyKeys() > 0 || b.dirtyKeys() > 0) {
                    out.printf(
                            "note: the graph is still settling (%d and %d keys to rebuild)%n",
                            a.dirtyKeys(), b.dirtyKeys());
                }
                List<String> differences = a.differences(b, maxLines);
                if (differences.isEmpty()) {
                    out.println("equal");
                } else {
                    differences.forEach(out::println);
                }
                out.flush();
                return differences.isEmpty() ? 0 : 1;
            }
        }

        /**
         * A configured tenant, or else a workspace of the same name in the first tenant's database (so two
         * workspaces of one shared database can be compared before multi-tenant configuration exists).
         */
        private static TenantSnapshot snapshot(Infrastructure infra, String id) throws Exception {
            TenantId.of(id);
            TenantConfig tenant = infra.tenants()
                    .find(id)
                    .orElse(infra.tenants().all().iterator().next());
            return TenantSnapshot.load(infra.dataSource(tenant), id);
        }
    }
}
