package dev.hybridrag.cli;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.config.Environment;
import dev.hybridrag.core.config.Settings;
import dev.hybridrag.core.storage.EmbeddingState;
import dev.hybridrag.core.storage.EmbeddingStates;
import dev.hybridrag.core.storage.TenantArchive;
import dev.hybridrag.core.storage.TenantDatabase;
import dev.hybridrag.core.storage.TenantSnapshot;
import dev.hybridrag.core.storage.TenantStatus;
import dev.hybridrag.core.tenant.Isolation;
import dev.hybridrag.core.tenant.PostgresSettings;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.core.tenant.TenantId;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Operator commands on tenants. */
@Command(
        name = "tenant",
        description = "Tenant administration.",
        subcommands = {
            TenantCommand.ListTenants.class,
            TenantCreateCommand.class,
            TenantDropCommand.class,
            TenantCommand.Stats.class,
            TenantCommand.Backup.class,
            TenantCommand.Restore.class,
            TenantCommand.Vacuum.class,
            TenantCommand.Move.class,
            TenantCommand.Diff.class
        })
final class TenantCommand {

    @Command(
            name = "backup",
            description = "Write one tenant's rows (documents, chunks, facts, graph, LLM cache) to a portable archive"
                    + " that restores into either isolation mode, on any server.")
    static final class Backup extends ArchiveCommand {
        @Override
        Map<String, Long> transfer(DataSource data, String workspace) throws Exception {
            try (OutputStream archive = ownerOnly(file)) {
                return TenantArchive.export(data, workspace, archive);
            }
        }

        @Override
        String done() {
            return "backed up %s to %s: %s%n";
        }

        /** A backup holds every document's text: readable by its owner only (0600), whatever the umask. */
        private static OutputStream ownerOnly(Path file) throws IOException {
            Set<PosixFilePermission> owner = PosixFilePermissions.fromString("rw-------");
            if (Files.exists(file)) {
                Files.setPosixFilePermissions(file, owner);
                return Files.newOutputStream(file, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            }
            return Files.newOutputStream(Files.createFile(file, PosixFilePermissions.asFileAttribute(owner)));
        }
    }

    @Command(
            name = "restore",
            description = "Replace one tenant's rows with an archive's (in one transaction, row counts checked). Stop"
                    + " the workers first, or they may write beside the restore.")
    static final class Restore extends ArchiveCommand {
        @Override
        Map<String, Long> transfer(DataSource data, String workspace) throws Exception {
            try (InputStream archive = Files.newInputStream(file)) {
                return TenantArchive.restore(data, workspace, archive);
            }
        }

        @Override
        String done() {
            return "restored %s from %s: %s%n";
        }
    }

    /** One tenant's rows to or from an archive file. */
    abstract static class ArchiveCommand extends OneTenantCommand {
        @Parameters(index = "1", paramLabel = "FILE")
        Path file;

        @Override
        final int run(Infrastructure infra, PrintWriter out) throws Exception {
            TenantConfig config = tenant(infra);
            out.printf(done(), tenant, file, transfer(infra.dataSource(config), config.workspace()));
            return 0;
        }

        /** @return rows per table */
        abstract Map<String, Long> transfer(DataSource data, String workspace) throws Exception;

        /** What is printed afterwards, given the tenant, the file and the rows. */
        abstract String done();
    }

    @Command(
            name = "move",
            description = "Copy a tenant's rows into the other isolation mode or another database (the seeds'"
                    + " isolated-to-shared migration), prepare the target as backend init does, and compare row"
                    + " counts. The source is left as it was; switch the tenant's configuration afterwards.")
    static final class Move extends OneTenantCommand {
        @Option(names = "--to", required = true, description = "database or workspace")
        String to;

        @Option(
                names = "--target-db",
                description = "target database (default: the tenant id for database, POSTGRES_DB for workspace)")
        String targetDb;

        @Option(names = "--target-user", description = "the target's login role (default: POSTGRES_USER)")
        String targetUser;

        @Option(names = "--target-password-env", description = "variable with that role's password")
        String targetPasswordVariable;

        @Override
        int run(Infrastructure infra, PrintWriter out) throws Exception {
            Environment env = infra.environment();
            Isolation isolation =
                    switch (to) {
                        case "database" -> Isolation.DATABASE;
                        case "workspace" -> Isolation.WORKSPACE;
                        default -> throw new IllegalArgumentException("--to must be database or workspace");
                    };
            TenantConfig source = tenant(infra);
            PostgresSettings target = new PostgresSettings(
                    source.postgres().host(),
                    source.postgres().port(),
                    targetDb != null
                            ? targetDb
                            : isolation == Isolation.DATABASE ? tenant : env.get(Settings.POSTGRES_DB),
                    targetUser != null ? targetUser : env.get(Settings.POSTGRES_USER),
                    targetPasswordVariable != null
                            ? env.variable(targetPasswordVariable)
                            : env.get(Settings.POSTGRES_PASSWORD));
            if (target.database().equals(source.postgres().database())) {
                err().println(tenant + " is already in database " + target.database());
                return 2;
            }
            TenantConfig moved = new TenantConfig(
                    source.id(), isolation, target, source.watch(), source.models(), source.apiKeys(), source.writes());
            PostgresSettings admin = new PostgresSettings(
                    target.host(),
                    target.port(),
                    "postgres",
                    env.get(Settings.POSTGRES_USER),
                    env.get(Settings.POSTGRES_PASSWORD));
            List<String> created = TenantDatabase.init(moved, admin, infra::dataSource);
            if (!created.isEmpty()) {
                out.println("created " + String.join(", ", created));
            }
            Path archive = Files.createTempFile("hybridrag-move-" + tenant, ".zip");
            try {
                try (OutputStream file = Files.newOutputStream(archive)) {
                    TenantArchive.export(infra.dataSource(source), source.workspace(), file);
                }
                try (InputStream file = Files.newInputStream(archive)) {
                    TenantArchive.restore(infra.dataSource(moved), moved.workspace(), file);
                }
            } finally {
                Files.deleteIfExists(archive);
            }
            Map<String, Long> before = TenantArchive.counts(infra.dataSource(source), source.workspace());
            Map<String, Long> after = TenantArchive.counts(infra.dataSource(moved), moved.workspace());
            out.printf(
                    "source %s: %s%ntarget %s: %s%n", source.postgres().database(), before, target.database(), after);
            if (!before.equals(after)) {
                out.println("counts differ (was the tenant being written to? stop its workers and move again)");
                return 1;
            }
            out.printf(
                    "moved: set isolation: %s and postgres.database: %s for %s in tenants.yaml, restart, and"
                            + " remove the source rows when the new configuration runs%n",
                    to, target.database(), tenant);
            return 0;
        }
    }

    @Command(
            name = "vacuum",
            description = "VACUUM (ANALYZE) the tables holding the tenant's rows (in workspace mode they are shared).")
    static final class Vacuum extends OneTenantCommand {
        @Mixin
        AdminLogin admin;

        @Override
        int run(Infrastructure infra, PrintWriter out) throws Exception {
            try (Connection connection = owner(tenant(infra), infra, infra.environment());
                    Statement statement = connection.createStatement()) {
                for (String table : TenantArchive.TABLES) {
                    long started = System.nanoTime();
                    statement.execute("VACUUM (ANALYZE) " + table);
                    out.printf("vacuumed %s in %d ms%n", table, (System.nanoTime() - started) / 1_000_000);
                }
            }
            return 0;
        }

        /**
         * Only a table's owner may vacuum it (anyone else is skipped with a mere warning): in database mode that is
         * the tenant's role; the shared tables belong to the administrator, not to the role tenants log in as.
         */
        private Connection owner(TenantConfig tenant, Infrastructure infra, Environment env) throws SQLException {
            if (tenant.isolation() == Isolation.DATABASE) {
                return infra.dataSource(tenant).getConnection();
            }
            PostgresSettings admin = this.admin.on(tenant, env);
            return DriverManager.getConnection(tenant.postgres().jdbcUrl(), admin.user(), admin.password());
        }
    }

    @Command(name = "list", description = "The configured tenants: id, isolation, database, keys, watched folders.")
    static final class ListTenants extends InfraCommand {
        @Override
        int run(Infrastructure infra, PrintWriter out) {
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
            return 0;
        }
    }

    @Command(
            name = "stats",
            description = "Per tenant: size, connections, documents by status, chunks, entities, relations, embedding"
                    + " model (and re-embedding progress), last ingest.")
    static final class Stats extends InfraCommand {
        @Option(names = "--tenant", description = "one tenant (default: all)")
        String only;

        @Override
        int run(Infrastructure infra, PrintWriter out) throws Exception {
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
                        "connections", TenantStatus.connections(data), ownDatabase ? "" : " (to the shared database)");
                status.documents().forEach((label, count) -> out.printf("  %-12s %d%n", label, count));
                out.printf("  %-12s %d%n", "chunks", status.chunks());
                out.printf("  %-12s %d%n", "entities", status.entities());
                out.printf("  %-12s %d%n", "relations", status.relations());
                out.printf(
                        "  %-12s %s%n",
                        "embeddings",
                        new EmbeddingStates()
                                .load(data, tenant.workspace())
                                .map(EmbeddingState::describe)
                                .orElse("none recorded yet (the indexer records them when it starts)"));
                out.printf(
                        "  %-12s %s%n",
                        "last ingest", status.lastUpdate().map(Object::toString).orElse("never"));
                out.flush();
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
    static final class Diff extends InfraCommand {
        @Parameters(index = "0", paramLabel = "T1")
        String first;

        @Parameters(index = "1", paramLabel = "T2")
        String second;

        @Option(names = "--max-lines", defaultValue = "20", description = "differing rows shown per table")
        int maxLines;

        @Override
        int run(Infrastructure infra, PrintWriter out) throws Exception {
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
            return differences.isEmpty() ? 0 : 1;
        }

        /**
         * A configured tenant, or else a workspace of the same name in the first tenant's database (so two
         * workspaces of one shared database can be compared before multi-tenant configuration exists).
         */
        private static TenantSnapshot snapshot(Infrastructure infra, String id) throws Exception {
            TenantId workspace = TenantId.of(id);
            TenantConfig tenant = infra.tenants().find(id).orElseGet(() -> {
                TenantConfig first = infra.tenants().all().iterator().next();
                return new TenantConfig(workspace, first.isolation(), first.postgres(), List.of(), first.models());
            });
            return TenantSnapshot.load(infra.dataSource(tenant), id);
        }
    }
}
