package dev.hybridrag.cli;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.config.Environment;
import dev.hybridrag.core.storage.TenantSnapshot;
import dev.hybridrag.core.storage.TenantStatus;
import dev.hybridrag.core.tenant.Isolation;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.core.tenant.TenantId;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Operator commands on tenants. */
@Command(
        name = "tenant",
        description = "Tenant administration.",
        subcommands = {TenantCommand.ListTenants.class, TenantCommand.Stats.class, TenantCommand.Diff.class})
final class TenantCommand {

    @Command(name = "list", description = "The configured tenants: id, isolation, database, keys, watched folders.")
    static final class ListTenants implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Infrastructure infra = Infrastructure.fromEnvironment(Environment.system())) {
                out.printf("%-20s %-10s %-32s %-5s %s%n", "TENANT", "ISOLATION", "DATABASE", "KEYS", "WATCHES");
                for (TenantConfig tenant : infra.tenants().all()) {
                    out.printf(
                            "%-20s %-10s %-32s %-5s %s%n",
                            tenant.id(),
                            tenant.isolation().name().toLowerCase(),
                            tenant.postgres().host() + ":" + tenant.postgres().port() + "/"
                                    + tenant.postgres().database(),
                            tenant.apiKeys().required() ? "yes" : "no",
                            tenant.watch().stream()
                                    .map(w -> w.root() + " " + w.patterns())
                                    .toList());
                }
                out.flush();
            }
            return 0;
        }
    }

    @Command(
            name = "stats",
            description = "Per tenant: size, connections, documents by status, chunks, entities, relations, last"
                    + " ingest.")
    static final class Stats implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--tenant", description = "one tenant (default: all)")
        String only;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            try (Infrastructure infra = Infrastructure.fromEnvironment(Environment.system())) {
                List<TenantConfig> tenants = only == null
                        ? List.copyOf(infra.tenants().all())
                        : List.of(infra.tenants().require(only));
                for (TenantConfig tenant : tenants) {
                    DataSource data = infra.dataSource(tenant);
                    boolean ownDatabase = tenant.isolation() == Isolation.DATABASE;
                    TenantStatus status = TenantStatus.load(data, tenant.workspace());
                    out.printf(
                            "tenant %s (%s)%n",
                            tenant.id(), tenant.isolation().name().toLowerCase());
                    out.printf(
                            "  %-12s %s%s%n",
                            "size",
                            humanBytes(TenantStatus.sizeBytes(data, tenant.workspace(), ownDatabase)),
                            ownDatabase ? " (its database)" : " (its rows in the shared tables)");
                    out.printf(
                            "  %-12s %d%s%n",
                            "connections",
                            TenantStatus.connections(data),
                            ownDatabase ? "" : " (to the shared database)");
                    status.documents().forEach((label, count) -> out.printf("  %-12s %d%n", label, count));
                    out.printf("  %-12s %d%n", "chunks", status.chunks());
                    out.printf("  %-12s %d%n", "entities", status.entities());
                    out.printf("  %-12s %d%n", "relations", status.relations());
                    out.printf(
                            "  %-12s %s%n",
                            "last ingest",
                            status.lastUpdate().map(Object::toString).orElse("never"));
                    out.flush();
                }
            }
            return 0;
        }

        private static String humanBytes(long bytes) {
            if (bytes < 1024 * 1024) {
                return "%.1f KiB".formatted(bytes / 1024.0);
            }
            return bytes < 1024L * 1024 * 1024
                    ? "%.1f MiB".formatted(bytes / (1024.0 * 1024))
                    : "%.2f GiB".formatted(bytes / (1024.0 * 1024 * 1024));
        }
    }

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
