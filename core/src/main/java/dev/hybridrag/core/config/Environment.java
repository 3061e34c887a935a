package dev.hybridrag.core.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads declared {@link Setting}s from a map of variables (the process environment in production). */
public final class Environment {

    private final Map<String, String> variables;

    public Environment(Map<String, String> variables) {
        this.variables = Map.copyOf(variables);
        rejectUnknownHybridragVariables();
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

    public int getInt(Setting setting, int min, int max) {
        String raw = get(setting);
        try {
            int value = Integer.parseInt(raw);
            if (value < min || value > max) {
                throw new ConfigException(setting.name() + " must be between " + min + " and " + max + ", got " + raw);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ConfigException(setting.name() + " must be a whole number, got '" + shown(setting, raw) + "'");
        }
    }

    public double getDouble(Setting setting, double min) {
        String raw = get(setting);
        try {
            double value = Double.parseDouble(raw);
            if (value < min || !Double.isFinite(value)) {
                throw new ConfigException(
                        setting.name() + " must be a finite number of at least " + min + ", got " + raw);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ConfigException(setting.name() + " must be a number, got '" + shown(setting, raw) + "'");
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

    // A misspelt HYBRIDRAG_ variable would otherwise be silently ignored.
    private void rejectUnknownHybridragVariables() {
        Set<String> known = Settings.ALL.stream().map(Setting::name).collect(Collectors.toSet());
        List<String> unknown = variables.keySet().stream()
                .filter(name -> name.startsWith("HYBRIDRAG_") && !known.contains(name))
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
