package dev.hybridrag.core.kafka;

import dev.hybridrag.core.config.ConfigException;
import dev.hybridrag.core.config.Settings;
import java.util.regex.Pattern;

/** Checks HYBRIDRAG_KAFKA_PREFIX: it becomes part of topic names, so only Kafka's legal name characters pass. */
public final class KafkaPrefix {

    // Kafka allows [a-zA-Z0-9._-] in topic names up to 249 characters; the suffixes need room.
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

    private KafkaPrefix() {}

    /** The prefix to use: the default when unset or blank, else the value itself if it is a legal name. */
    public static String of(String value) {
        if (value == null || value.isBlank()) {
            return Settings.KAFKA_PREFIX.defaultValue();
        }
        String prefix = value.trim();
        if (!VALID.matcher(prefix).matches()) {
            throw new ConfigException(Settings.KAFKA_PREFIX.name()
                    + " may hold only letters, digits, '.', '_' and '-' (at most 200, starting with a letter or"
                    + " digit)");
        }
        return prefix;
    }
}
