package dev.hybridrag.core.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.hybridrag.core.config.ConfigException;
import dev.hybridrag.core.config.Environment;
import dev.hybridrag.core.llm.ProviderSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Tenants from a {@code tenants.yaml} (docs/tenants.md). Every problem in the file is collected and reported at once,
 * each with where it is ({@code tenants[1].postgres.port}); ids are validated before they can reach SQL. Secrets are
 * never in the file: passwords and keys are read from the environment variables or files it names.
 */
public final class TenantsFile {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> TENANT_FIELDS =
            Set.of("id", "isolation", "postgres", "watch", "llm", "embedding", "api_keys_env", "writes");
    private static final Set<String> POSTGRES_FIELDS =
            Set.of("host", "port", "database", "user", "password_env", "password_file");
    private static final Set<String> WATCH_FIELDS = Set.of("root", "patterns", "exclude");
    private static final Set<String> PROVIDER_FIELDS =
            Set.of("provider", "model", "base_url", "api_key_env", "api_version", "dim");
    private static final Set<String> PROVIDERS = Set.of("offline", "openai", "azure", "ollama", "compatible");
    private static final String OPENAI_URL = "https://api.openai.com/v1";

    private final Path file;
    private final Environment env;
    private final List<String> problems = new ArrayList<>();

    private TenantsFile(Path file, Environment env) {
        this.file = file;
        this.env = env;
    }

    /**
     * @param env supplies the local server's coordinates for tenants without a {@code postgres} block, the
     *     variables the file names, and the settings the file does not cover (limits, chunking)
     * @throws ConfigException listing every problem
     */
    public static List<TenantConfig> load(Path file, Environment env) {
        return new TenantsFile(file, env).load();
    }

    private List<TenantConfig> load() {
        JsonNode root;
        try {
            root = YAML.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new ConfigException("cannot read tenants file " + file + ": " + e.getMessage());
        }
        if (root == null
                || !root.path("tenants").isArray()
                || root.path("tenants").isEmpty()) {
            throw new ConfigException(file + ": expected a list under 'tenants:' with at least one tenant");
        }
        List<TenantConfig> tenants = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int index = 0;
        for (JsonNode node : root.path("tenants")) {
            String where = "tenants[" + index++ + "]";
            TenantConfig tenant = tenant(node, where);
            if (tenant != null && !ids.add(tenant.id().value())) {
                problems.add(where + ".id: '" + tenant.id() + "' is configured twice");
            } else if (tenant != null) {
                tenants.add(tenant);
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException("invalid tenants file " + file + ":\n  - " + String.join("\n  - ", problems));
        }
        return tenants;
    }

    private TenantConfig tenant(JsonNode node, String where) {
        if (!node.isObject()) {
            problems.add(where + ": expected a mapping with at least an id");
            return null;
        }
        unknownFields(node, TENANT_FIELDS, where);
        String id = text(node, "id", where);
        if (!TenantId.isValid(id)) {
            problems.add(where + ".id: " + (id.isEmpty() ? "is required" : "'" + printable(id) + "' is invalid")
                    + "; it must match [a-z][a-z0-9_]{0,62}");
            return null;
        }
        where = where + " (" + id + ")";
        String isolationName = text(node, "isolation", where);
        Isolation isolation = Isolation.WORKSPACE;
        if (isolationName.equals("database")) {
            isolation = Isolation.DATABASE;
        } else if (!isolationName.isEmpty() && !isolationName.equals("workspace")) {
            problems.add(where + ".isolation: " + choice(isolationName) + " is not database or workspace");
        }
        PostgresSettings postgres = postgres(node.path("postgres"), id, isolation, where + ".postgres");
        List<WatchRoot> watch = watch(node.path("watch"), where + ".watch");
        ProviderSettings chat = provider(node.path("llm"), where + ".llm", false);
        ProviderSettings embedding = provider(node.path("embedding"), where + ".embedding", true);
        ApiKeys keys = ApiKeys.none();
        String keysVariable = text(node, "api_keys_env", where);
        if (!keysVariable.isEmpty()) {
            keys = ApiKeys.of(List.of(env.variable(keysVariable).split(",")));
            if (!keys.required()) {
                // A typo here must not leave the tenant open: naming a variable means keys are wanted.
                problems.add(where + ".api_keys_env: the variable " + keysVariable + " holds no key");
            }
        }
        JsonNode writes = node.path("writes");
        if (!writes.isMissingNode() && !writes.isBoolean()) {
            problems.add(where + ".writes: expected true or false");
        }
        ModelSettings models;
        try {
            models = ModelSettingsFromEnvironment.withProviders(env, chat, embedding);
        } catch (ConfigException e) {
            problems.add(where + ": " + e.getMessage());
            return null;
        }
        return new TenantConfig(TenantId.of(id), isolation, postgres, watch, models, keys, writes.asBoolean(false));
    }

    /**
     * A missing block means the local server, as the environment describes it; a missing database means the tenant
     * id in database mode, the shared database in workspace mode.
     */
    private PostgresSettings postgres(JsonNode node, String id, Isolation isolation, String where) {
        if (!node.isMissingNode() && !node.isObject()) {
            problems.add(where + ": expected a mapping");
            return localServer(id, isolation);
        }
        unknownFields(node, POSTGRES_FIELDS, where);
        PostgresSettings local = localServer(id, isolation);
        int port = local.port();
        if (node.has("port")) {
            int given = node.path("port").canConvertToInt() ? node.path("port").asInt() : -1;
            if (given < 1 || given > 65535) {
                problems.add(where + ".port: must be a number from 1 to 65535");
            } else {
                port = given;
            }
        }
        String database = or(text(node, "database", where), local.database());
        if (!database.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
            problems.add(where + ".database: '" + printable(database) + "' is not a plain PostgreSQL name");
        }
        String user = or(text(node, "user", where), local.user());
        if (!user.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
            problems.add(where + ".user: '" + printable(user) + "' is not a plain PostgreSQL name");
        }
        // The environment's passwords belong to its users: a tenant with a role of its own must name its own.
        Optional<String> known = LocalServer.knownPassword(env, user);
        String password = known.orElse("");
        String passwordVariable = text(node, "password_env", where);
        String passwordFile = text(node, "password_file", where);
        if (known.isEmpty() && passwordVariable.isEmpty() && passwordFile.isEmpty()) {
            problems.add(where + ": user " + user + " needs its own password (password_env or password_file)");
        }
        if (!passwordVariable.isEmpty()) {
            password = env.variable(passwordVariable);
            if (password.isEmpty()) {
                problems.add(where + ".password_env: the variable " + passwordVariable + " is not set");
            }
        } else if (!passwordFile.isEmpty()) {
            Path path = file.toAbsolutePath().getParent().resolve(passwordFile);
            try {
                password = Files.readString(path).strip();
            } catch (IOException e) {
                problems.add(where + ".password_file: cannot read " + path);
            }
        }
        return new PostgresSettings(or(text(node, "host", where), local.host()), port, database, user, password);
    }

    private PostgresSettings localServer(String id, Isolation isolation) {
        return LocalServer.forTenant(env, id, isolation);
    }

    /** Roots are relative to the file's folder; patterns default to every markdown file and SpecStory's histories. */
    private List<WatchRoot> watch(JsonNode node, String where) {
        List<WatchRoot> roots = new ArrayList<>();
        if (node.isMissingNode() || node.isNull()) {
            return roots;
        }
        if (!node.isArray()) {
            problems.add(where + ": expected a list of {root, patterns}");
            return roots;
        }
        int index = 0;
        for (JsonNode item : node) {
            String at = where + "[" + index++ + "]";
            unknownFields(item, WATCH_FIELDS, at);
            String root = text(item, "root", at);
            if (root.isEmpty()) {
                problems.add(at + ".root: is required");
                continue;
            }
            List<String> patterns = globs(item, "patterns", at);
            List<String> exclude = globs(item, "exclude", at);
            try {
                roots.add(new WatchRoot(
                        file.toAbsolutePath().getParent().resolve(root).normalize(),
                        patterns.isEmpty() ? WatchRoot.DEFAULT_PATTERNS : patterns,
                        exclude));
            } catch (IllegalArgumentException e) {
                problems.add(at + ": " + e.getMessage());
            }
        }
        return roots;
    }

    private List<String> globs(JsonNode item, String field, String at) {
        List<String> globs = new ArrayList<>();
        if (item.path(field).isArray()) {
            item.path(field).forEach(glob -> globs.add(glob.asText()));
        } else if (item.has(field)) {
            problems.add(at + "." + field + ": expected a list of globs");
        }
        return globs;
    }

    private ProviderSettings provider(JsonNode node, String where, boolean embedding) {
        if (node.isMissingNode() || node.isNull()) {
            return ProviderSettings.offline();
        }
        unknownFields(node, PROVIDER_FIELDS, where);
        String name = or(text(node, "provider", where), "offline").toLowerCase(Locale.ROOT);
        if (!PROVIDERS.contains(name)) {
            problems.add(where + ".provider: " + choice(name) + " is not one of " + PROVIDERS);
            return ProviderSettings.offline();
        }
        if (name.equals("offline")) {
            return ProviderSettings.offline();
        }
        String model = text(node, "model", where);
        String baseUrl = text(node, "base_url", where);
        String keyVariable = text(node, "api_key_env", where);
        String apiKey = keyVariable.isEmpty() ? "" : env.variable(keyVariable);
        if (!keyVariable.isEmpty() && apiKey.isEmpty()) {
            problems.add(where + ".api_key_env: the variable " + keyVariable + " is not set");
        }
        int dim = node.path("dim").asInt(0);
        if (node.has("dim") && (dim < 1 || dim > 16000)) {
            problems.add(where + ".dim: must be a number from 1 to 16000");
        }
        switch (name) {
            case "openai" -> {
                need(keyVariable, where + ".api_key_env");
                model = or(model, embedding ? "text-embedding-3-small" : "gpt-4o-mini");
                baseUrl = or(baseUrl, OPENAI_URL);
            }
            case "azure" -> {
                need(baseUrl, where + ".base_url");
                need(keyVariable, where + ".api_key_env");
                need(model, where + ".model (the deployment name)");
                need(text(node, "api_version", where), where + ".api_version");
            }
            default -> {
                need(baseUrl, where + ".base_url");
                need(model, where + ".model");
            }
        }
        if (embedding && dim == 0) {
            dim = ModelSettingsFromEnvironment.knownDimension(model);
        }
        return new ProviderSettings(name, model, baseUrl, apiKey, text(node, "api_version", where), dim);
    }

    private void need(String value, String where) {
        if (value.isEmpty()) {
            problems.add(where + ": is required for this provider");
        }
    }

    private void unknownFields(JsonNode node, Set<String> known, String where) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                problems.add(where + "." + printable(name) + ": unknown field; expected one of " + known);
            }
        }
    }

    private String text(JsonNode node, String field, String where) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return "";
        }
        if (!value.isValueNode()) {
            problems.add(where + "." + field + ": expected a single value");
            return "";
        }
        return value.asText().strip();
    }

    private static String or(String value, String fallback) {
        return value.isEmpty() ? fallback : value;
    }

    /**
     * A value that should have been one word of a short list, echoed only when it looks like one: a key pasted
     * into the wrong field must not end up in an error message.
     */
    private static String choice(String value) {
        return value.matches("[A-Za-z_-]{1,12}") ? "'" + value + "'" : "the value given";
    }

    // Configuration errors are printed; keep what is echoed short and free of control characters.
    private static String printable(String text) {
        String clean = text.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 64 ? clean.substring(0, 64) + "…" : clean;
    }
}
