package dev.hybridrag.core.config;

/** Invalid configuration, found at start; the message names the setting. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
