package dev.hybridrag.core.config;

import java.util.List;
import java.util.Optional;

/**
 * One configuration setting: its environment variable name, default, meaning and what its value must be, declared
 * together ({@link Settings}). Every process checks every declared setting when it reads its {@link Environment},
 * so a bad value stops it at start with a message naming the setting, before it does anything.
 */
public record Setting(String name, String defaultValue, String doc, ValueCheck check) {

    public Setting {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a setting needs a name");
        }
        defaultValue = defaultValue == null ? "" : defaultValue;
        check = check == null ? ValueCheck.ANY : check;
    }

    /** A setting that takes any text. */
    public Setting(String name, String defaultValue, String doc) {
        this(name, defaultValue, doc, ValueCheck.ANY);
    }

    /** This setting, taking whole numbers from {@code min} to {@code max}. */
    public Setting between(long min, long max) {
        return new Setting(name, defaultValue, doc, ValueCheck.wholeNumber(min, max));
    }

    /** This setting, taking numbers (fractions too) of at least {@code min}. */
    public Setting atLeast(double min) {
        return new Setting(name, defaultValue, doc, ValueCheck.number(min));
    }

    /** This setting, taking one of these words. */
    public Setting oneOf(String... allowed) {
        return new Setting(name, defaultValue, doc, ValueCheck.oneOf(List.of(allowed)));
    }

    /** Settings whose value must never be printed (passwords, keys). */
    public boolean secret() {
        return name.endsWith("PASSWORD")
                || name.endsWith("_KEY")
                || name.endsWith("_KEYS")
                || name.endsWith("_JAAS_CONFIG");
    }

    /**
     * For a settings record's constructor: a value built in code (a test's, a default) is held to the same
     * declaration as one read from the environment.
     *
     * @throws ConfigException naming this setting when the value is not acceptable
     */
    public void require(Object value) {
        problem(String.valueOf(value)).ifPresent(problem -> {
            throw new ConfigException(problem);
        });
    }

    /** Why {@code value} is not acceptable for this setting, naming it; empty when it is. */
    public Optional<String> problem(String value) {
        return check.problem(value)
                .map(problem -> name + " " + problem + ", got '" + (secret() ? "****" : value) + "'");
    }
}
