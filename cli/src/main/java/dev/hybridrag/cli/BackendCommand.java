package dev.hybridrag.cli;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.config.ConfigException;
import dev.hybridrag.core.storage.TenantDatabase;
import dev.hybridrag.core.storage.VectorIndexes;
import dev.hybridrag.core.tenant.Isolation;
import dev.hybridrag.core.tenant.PostgresSettings;
import dev.hybridrag.core.tenant.TenantConfig;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The PostgreSQL side of tenants, replacing the seeds' docker exec recipes. */
@Command(name = "backend", description = "Prepare tenants' PostgreSQL.", subcommands = BackendCommand.Init.class)
final class BackendCommand {

    @Command(
            name = "init",
            description = "Create what a tenant needs in PostgreSQL; safe to run again. Database mode: a login role"
                    + " that can connect only to the tenant's database, the database, the vector extension and the"
                    + " schema. Workspace mode: the extension and the schema in the shared database, and the"
                    + " application role row-level security holds (HYBRIDRAG_APP_USER).")
    static final class Init extends InfraCommand {
        /** Neither option: the only configured tenant (a seeds-style .env has one). */
        @ArgGroup(multiplicity = "0..1")
        Which which;

        static final class Which {
            @Option(names = "--tenant", description = "a configured tenant id")
            String tenant;

            @Option(names = "--all", description = "every configured tenant")
            boolean all;
        }

        @Mixin
        AdminLogin admin;

        @Mixin
        BackendOption backend;

        @Override
        int run(Infrastructure infra, PrintWriter out) throws Exception {
            Collection<TenantConfig> tenants = which != null && which.all
                    ? infra.tenants().all()
                    : List.of(infra.tenants().require(which != null ? which.tenant : onlyTenant(infra)));
            // Tenants with the same login, database, isolation and vector dimension need the same preparation: a
            // thousand workspace-mode tenants in one shared database migrate it once, not a thousand times.
            Map<String, String> preparedBy = new HashMap<>();
            for (TenantConfig tenant : tenants) {
                String first = preparedBy.putIfAbsent(
                        preparation(infra, tenant), tenant.id().value());
                if (first == null) {
                    init(infra, tenant, admin.on(tenant, infra.environment()), out);
                } else {
                    out.printf(
                            "%s (%s, database %s): ready, prepared with %s%n",
                            tenant.id(),
                            tenant.isolation().name().toLowerCase(),
                            tenant.postgres().database(),
                            first);
                }
            }
            out.flush();
            return 0;
        }

        private static String preparation(Infrastructure infra, TenantConfig tenant) {
            String dimension;
            try {
                dimension = Integer.toString(
                        infra.models().configuredEmbedding(tenant).dimension());
            } catch (RuntimeException e) {
                dimension = "unknown";
            }
            return tenant.postgres().poolKey() + "|" + tenant.isolation() + "|" + dimension;
        }

        private static String onlyTenant(Infrastructure infra) {
            Collection<TenantConfig> all = infra.tenants().all();
            if (all.size() != 1) {
                throw new ConfigException(all.size() + " tenants are configured: name one with --tenant, or --all");
            }
            return all.iterator().next().id().value();
        }

        /** Prepares one tenant and says what it created; {@code tenant create} does the same. */
        static void init(Infrastructure infra, TenantConfig tenant, PostgresSettings admin, PrintWriter out)
                throws SQLException {
            List<String> created = TenantDatabase.init(tenant, admin, infra::dataSource);
            vectorIndex(infra, tenant, admin, out);
            out.printf(
                    "%s (%s, database %s): %s%n",
                    tenant.id(),
                    tenant.isolation().name().toLowerCase(),
                    tenant.postgres().database(),
                    created.isEmpty() ? "ready, nothing to create" : "created " + String.join(", ", created));
            if (tenant.isolation() == Isolation.WORKSPACE && bypassesPolicies(infra, tenant)) {
                out.printf(
                        "  note: %s connects as %s, a superuser or BYPASSRLS role, which row-level security does not"
                                + " hold: set HYBRIDRAG_APP_USER (docs/isolation.md)%n",
                        tenant.id(), tenant.postgres().user());
            }
            out.flush();
        }

        /**
         * Whether the tenant's login is a superuser or BYPASSRLS role, which row-level security does not hold. A
         * compose deployment's own role is the user it was given and no administrator, so the name alone says nothing.
         */
        private static boolean bypassesPolicies(Infrastructure infra, TenantConfig tenant) throws SQLException {
            try (Connection connection = infra.dataSource(tenant).getConnection();
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery(
                            "SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user")) {
                return rows.next() && rows.getBoolean(1);
            }
        }

        /** The HNSW index of the tenant's embedding dimension, made now by the tables' owner (docs/embeddings.md). */
        private static void vectorIndex(
                Infrastructure infra, TenantConfig tenant, PostgresSettings admin, PrintWriter out) {
            try {
                int dimension = infra.models().configuredEmbedding(tenant).dimension();
                new VectorIndexes().ensure(TenantDatabase.tableOwner(tenant, admin, infra::dataSource), dimension);
            } catch (RuntimeException e) {
                out.printf(
                        "%s: embedding dimension not known yet (%s); its index is made when vectors are first"
                                + " written%n",
                        tenant.id(), e.getMessage());
            }
        }
    }
}
