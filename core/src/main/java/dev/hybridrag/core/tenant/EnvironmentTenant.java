package dev.hybridrag.core.tenant;

import dev.hybridrag.core.config.ConfigException;
import dev.hybridrag.core.config.Environment;
import dev.hybridrag.core.config.Settings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one tenant an existing HybridRAG deployment's {@code .env} describes, in the seeds' variable names
 * (docs/deployment.md maps each one): POSTGRES_*, LIGHTRAG_WORKSPACE, BACKEND_TYPE, HOST_PROJECTS_PATH, the model
 * variables, and hybridrag's own isolation, watch and API key settings. Every problem is reported at once.
 */
final class EnvironmentTenant {

    /** What the seeds ingested from HOST_PROJECTS_PATH: SpecStory's saved chats in every project under it. */
    /** SpecStory's histories, current and older, as the seeds ingested them from a projects folder. */
    static final List<String> SPECSTORY_HISTORIES =
            List.of("**/.specstory/history/*.md", "**/.specstory/.history/*.md");

    private final Environment env;
    private final List<String> problems = new ArrayList<>();

    private EnvironmentTenant(Environment env) {
        this.env = env;
    }

    static TenantConfig read(Environment env) {
        return new EnvironmentTenant(env).read();
    }

    /**
     * The seeds could keep a deployment in JSON files (BACKEND_TYPE=json) or other stores; here everything is in
     * PostgreSQL, and saying so at start beats running against a server the user never meant to use.
     */
    static void requirePostgresBackend(Environment env) {
        String backend = env.get(Settings.BACKEND_TYPE).toLowerCase(Locale.ROOT);
        if (backend.equals("postgres") || backend.equals("postgresql")) {
            return;
        }
        String shown = backend.matches("[a-z0-9_-]{1,40}") ? backend : "(invalid)";
        throw new ConfigException(Settings.BACKEND_TYPE.name() + "=" + shown
                + " is not supported: hybridrag keeps every tenant in PostgreSQL with pgvector. Set BACKEND_TYPE=postgres"
                + " (or remove it) and point POSTGRES_* at the server; a JSON deployment is moved by letting the"
                + " watcher ingest its folders again (docs/deployment.md)");
    }

    private TenantConfig read() {
        String id = env.isSet(Settings.TENANT) || !env.isSet(Settings.LIGHTRAG_WORKSPACE)
                ? env.get(Settings.TENANT)
                : env.get(Settings.LIGHTRAG_WORKSPACE);
        if (!TenantId.isValid(id)) {
            problems.add("tenant id '" + id + "' ("
                    + (env.isSet(Settings.TENANT) ? Settings.TENANT : Settings.LIGHTRAG_WORKSPACE).name()
                    + ") is invalid: it must match [a-z][a-z0-9_]{0,62}");
        }
        Isolation isolation = isolation();
        int port = env.getInt(Settings.POSTGRES_PORT);
        if (!problems.isEmpty()) {
            throw new ConfigException(
                    problems.size() == 1
                            ? problems.getFirst()
                            : "invalid settings:\n  - " + String.join("\n  - ", problems));
        }
        // Like a tenants.yaml without a database: database mode defaults to a database named after the tenant.
        String database = isolation == Isolation.DATABASE && !env.isSet(Settings.POSTGRES_DB)
                ? id
                : env.get(Settings.POSTGRES_DB);
        // POSTGRES_USER is the administrator; a workspace tenant logs in as the application role when one is set,
        // so row-level security holds it (docs/isolation.md).
        String user = isolation == Isolation.WORKSPACE && env.isSet(Settings.APP_USER)
                ? env.get(Settings.APP_USER)
                : env.get(Settings.POSTGRES_USER);
        PostgresSettings postgres = new PostgresSettings(
                env.get(Settings.POSTGRES_HOST),
                port,
                database,
                user,
                LocalServer.knownPassword(env, user).orElse(""));
        return new TenantConfig(
                TenantId.of(id),
                isolation,
                postgres,
                List.of(watchRoot()),
                ModelSettingsFromEnvironment.read(env),
                ApiKeys.of(env.getList(Settings.API_KEYS)),
                writes());
    }

    private boolean writes() {
        String value = env.get(Settings.WRITES).strip().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "true" -> true;
            case "false", "" -> false;
            default ->
                throw new ConfigException(Settings.WRITES.name() + " must be true or false, not '"
                        + (value.length() > 20 ? "…" : value) + "'");
        };
    }

    private Isolation isolation() {
        String name = env.get(Settings.ISOLATION).toLowerCase(Locale.ROOT);
        return switch (name) {
            case "database" -> Isolation.DATABASE;
            case "workspace" -> Isolation.WORKSPACE;
            default -> {
                problems.add(Settings.ISOLATION.name() + " must be database or workspace");
                yield Isolation.WORKSPACE;
            }
        };
    }

    /**
     * HYBRIDRAG_WATCH_ROOT wins; else the seeds' HOST_PROJECTS_PATH, watched for what the seeds ingested from it
     * (SpecStory histories, not every README under a code folder) unless HYBRIDRAG_WATCH_PATTERNS says otherwise.
     */
    private WatchRoot watchRoot() {
        boolean projects = !env.isSet(Settings.WATCH_ROOT) && env.isSet(Settings.HOST_PROJECTS_PATH);
        Path root = Path.of(projects ? env.get(Settings.HOST_PROJECTS_PATH) : env.get(Settings.WATCH_ROOT));
        List<String> patterns = projects && !env.isSet(Settings.WATCH_PATTERNS)
                ? SPECSTORY_HISTORIES
                : env.getList(Settings.WATCH_PATTERNS);
        return new WatchRoot(root, patterns, env.getList(Settings.WATCH_EXCLUDE));
    }
}
