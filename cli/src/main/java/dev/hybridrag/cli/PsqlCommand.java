package dev.hybridrag.cli;

import dev.hybridrag.core.config.Environment;
import dev.hybridrag.core.config.Settings;
import dev.hybridrag.core.storage.WorkspaceDataSource;
import dev.hybridrag.core.tenant.Isolation;
import dev.hybridrag.core.tenant.PostgresSettings;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.core.tenant.TenantRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code psql} as the right role, so operators type no password: the administrator (POSTGRES_USER) on the main
 * database, or with {@code --tenant} the role the tenant's services log in as, on its database, with its workspace
 * set so row-level security shows only its rows. The password travels in psql's environment, never its arguments.
 */
@Command(
        name = "psql",
        description = "Open psql as the administrator, or as a tenant's own role (--tenant), without typing a"
                + " password. Arguments after -- go to psql (e.g. -- -c 'SELECT count(*) FROM documents').")
final class PsqlCommand implements Callable<Integer> {

    private static final List<Path> PSQL =
            List.of(Path.of("/usr/lib/postgresql/15/bin/psql"), Path.of("/usr/bin/psql"));

    @Option(names = "--tenant", description = "a configured tenant id: its role, its database, its rows")
    String tenant;

    @Parameters(paramLabel = "PSQL_ARGS", description = "passed to psql as they are")
    List<String> psqlArguments = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Environment env = Environment.system();
        PostgresSettings login;
        String workspace = null;
        if (tenant == null) {
            login = new PostgresSettings(
                    env.get(Settings.POSTGRES_HOST),
                    env.getInt(Settings.POSTGRES_PORT),
                    env.get(Settings.POSTGRES_DB),
                    env.get(Settings.POSTGRES_USER),
                    env.get(Settings.POSTGRES_PASSWORD));
        } else {
            TenantConfig config = TenantRegistry.fromEnvironment(env).require(tenant);
            login = config.postgres();
            if (config.isolation() == Isolation.WORKSPACE) {
                workspace = config.workspace();
            }
        }
        List<String> command = new ArrayList<>(List.of(
                psql().toString(),
                "-h",
                login.host(),
                "-p",
                Integer.toString(login.port()),
                "-U",
                login.user(),
                "-d",
                login.database()));
        command.addAll(psqlArguments);
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        Map<String, String> psqlEnv = builder.environment();
        psqlEnv.put("PGPASSWORD", login.password());
        if (workspace != null) {
            psqlEnv.put("PGOPTIONS", "-c " + WorkspaceDataSource.SETTING + "=" + workspace);
        }
        return builder.start().waitFor();
    }

    private static Path psql() {
        return PSQL.stream()
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(
                        () -> new IllegalStateException("psql is not installed (apt-get install postgresql-client)"));
    }
}
