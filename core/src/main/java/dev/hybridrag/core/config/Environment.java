package dev.hybridrag.core.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads declared {@link Setting}s from a map of variables (the process environment in production). Built once when a
 * process starts, it checks every declared setting's value first, like HikariConfig.validate(): an unknown
 * HYBRIDRAG_ variable or a value out of its declared range stops the process before it does anything, with a message
 * naming each bad setting. Services then take their typed settings records from it.
 */
public final class Environment {

    private final Map<String, String> variables;

    /** @throws ConfigException naming every unknown HYBRIDRAG_ variable, or else every declared setting's bad value */
    public Environment(Map<String, String> variables) {
        this.variables = Map.copyOf(variables);
        rejectUnknownHybridragVariables();
        rejectInvalidValues();
    }

    public static Environment system() {
        return new Environment(System.getenv());
    }

    /** These variables with one setting given a value, as a command-line option does. */
    public Environment with(Setting setting, String value) {
        Map<String, String> changed = new HashMap<>(variables);
        changed.put(setting.name(), value);
        return new Environment(changed);
    }

    public String get(Setting setting) {
        String value = variables.get(setting.name());
        return value == null || value.isBlank() ? setting.defaultValue() : value.trim();
    }

    /**
     * A variable named by configuration rather than declared in {@link Settings} (a tenants.yaml's
     * {@code password_env}); empty when unset.
     */
    public String variable(String name) {
        String value = variables.get(name);
        return value == null ? "" : value.trim();
    }

    /**
     * The value of the first of these settings that is set, else the first one's default: for a variable the seeds
     * or the Azure SDKs spell another way (AZURE_API_KEY or AZURE_OPENAI_API_KEY).
     */
    public String firstSet(Setting preferred, Setting... alternatives) {
        for (Setting alternative : alternatives) {
            if (!isSet(preferred) && isSet(alternative)) {
                return get(alternative);
            }
        }
        return get(preferred);
    }

    /**
     * A secret given as a value or as a file holding it (the way container secrets arrive): the value when set, else
     * the file's content, else empty. A named file that is unreadable or empty fails with the setting's name.
     */
    public String secret(Setting value, Setting file) {
        if (isSet(value) || !isSet(file)) {
            return get(value);
        }
        java.nio.file.Path path = java.nio.file.Path.of(get(file));
        try {
            String secret = java.nio.file.Files.readString(path).strip();
            if (secret.isEmpty()) {
                throw new ConfigException(file.name() + ": " + path + " is empty");
            }
            return secret;
        } catch (java.io.IOException e) {
            throw new ConfigException(file.name() + ": cannot read " + path);
        }
    }

    public boolean isSet(Setting setting) {
        String value = variables.get(setting.name());
        return value != null && !value.isBlank();
    }

    /** A whole-number setting, within the bounds its declaration gives (checked at start). */
    public int getInt(Setting setting) {
        return Math.toIntExact(getLong(setting));
    }

    public long getLong(Setting setting) {
        return parsed(setting, Long::parseLong, "a whole number");
    }

    /** A number setting, within the bounds its declaration gives (checked at start). */
    public double getDouble(Setting setting) {
        return parsed(setting, Double::parseDouble, "a number");
    }

    private <T> T parsed(Setting setting, Function<String, T> parser, String kind) {
        String raw = get(setting);
        try {
            return parser.apply(raw);
        } catch (NumberFormatException e) {
            throw new ConfigException(setting.name() + " must be " + kind + ", got '" + shown(setting, raw) + "'");
        }
    }

    public List<String> getList(Setting setting) {
        List<String> items = new ArrayList<>();
        for (String item : get(setting).split(",")) {
            if (!item.isBlank()) {
                items.add(item.trim());
            }
        }
        return List.copyOf(items);
    }

    private void rejectInvalidValues() {
        List<String> problems = new ArrayList<>();
        for (Setting setting : Settings.ALL) {
            String value = get(setting);
            if (!value.isEmpty()) {
                setting.problem(value).ifPresent(problems::add);
            }
        }
        if (problems.size() == 1) {
            throw new ConfigException(problems.getFirst());
        }
        if (!problems.isEmpty()) {
            throw new ConfigException("invalid settings:\n  - " + String.join("\n  - ", problems));
        }
    }

    /**
     * Variables of the scripts and compose files, not of the services: the image compose runs and the test command's
     * switches. The test command exports them while the suite runs, so the services' check must let them pass.
     */
    static final Set<String> SCRIPT_VARIABLES =
            Set.of("HYBRIDRAG_IMAGE", "HYBRIDRAG_TEST_DOCKER", "HYBRIDRAG_TEST_COMPOSE");

    // A misspelt HYBRIDRAG_ variable would otherwise be silently ignored.
    private void rejectUnknownHybridragVariables() {
        Set<String> known = Settings.ALL.stream().map(Setting::name).collect(Collectors.toSet());
        List<String> unknown = variables.keySet().stream()
                .filter(name -> name.startsWith("HYBRIDRAG_") && !known.contains(name))
                .filter(name -> !SCRIPT_VARIABLES.contains(name))
                .filter(name -> !name.startsWith("HYBRIDRAG_OPTS") && !name.startsWith("HYBRIDRAG_HOME"))
                .sorted()
                .toList();
        if (!unknown.isEmpty()) {
            throw new ConfigException("unknown settings: " + String.join(", ", unknown)
                    + " (see docs/configuration.md for the declared ones)");
        }
    }

    private static String shown(Setting setting, String value) {
        return setting.secret() ? "****" : value;
    }
}
