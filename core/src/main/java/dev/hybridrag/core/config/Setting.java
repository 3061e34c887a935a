package dev.hybridrag.core.config;

/** One configuration setting: its environment variable name, default and meaning, declared together. */
public record Setting(String name, String defaultValue, String doc) {

    public Setting {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a setting needs a name");
        }
        defaultValue = defaultValue == null ? "" : defaultValue;
    }

    /** Settings whose value must never be printed (passwords, keys). */
    public boolean secret() {
        return name.endsWith("PASSWORD")
                || name.endsWith("_KEY")
                || name.endsWith("_KEYS")
                || name.endsWith("_JAAS_CONFIG");
    }
}
