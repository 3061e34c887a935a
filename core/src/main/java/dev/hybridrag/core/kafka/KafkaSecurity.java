package dev.hybridrag.core.kafka;

import dev.hybridrag.core.config.ConfigException;
import dev.hybridrag.core.config.Environment;
import dev.hybridrag.core.config.Setting;
import dev.hybridrag.core.config.Settings;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;

/**
 * How every client authenticates to Kafka and protects the connection: the security protocol, SASL (SCRAM, PLAIN,
 * or any JAAS line) and TLS trust and client keys, from the KAFKA_* settings (docs/security.md). The same properties
 * go into producers, consumers, admin clients and Kafka Streams. Secrets are never in {@link #toString()}.
 */
public final class KafkaSecurity {

    private static final Set<String> PROTOCOLS = Set.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");

    private final Map<String, Object> properties;

    private KafkaSecurity(Map<String, Object> properties) {
        this.properties = Map.copyOf(properties);
    }

    /** No authentication, no TLS: the in-JVM brokers of the tests. */
    public static KafkaSecurity plaintext() {
        return new KafkaSecurity(Map.of());
    }

    public static KafkaSecurity fromEnvironment(Environment env) {
        String protocol = env.get(Settings.KAFKA_SECURITY_PROTOCOL).toUpperCase(java.util.Locale.ROOT);
        if (!PROTOCOLS.contains(protocol)) {
            throw new ConfigException(Settings.KAFKA_SECURITY_PROTOCOL.name() + " must be one of " + PROTOCOLS
                    + ", got '" + protocol + "'");
        }
        Map<String, Object> props = new HashMap<>();
        props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, protocol);
        if (protocol.startsWith("SASL_")) {
            String mechanism = env.get(Settings.KAFKA_SASL_MECHANISM);
            props.put(SaslConfigs.SASL_MECHANISM, mechanism);
            props.put(SaslConfigs.SASL_JAAS_CONFIG, jaas(env, mechanism));
        }
        if (protocol.endsWith("SSL")) {
            putIfSet(props, env, SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, Settings.KAFKA_SSL_TRUSTSTORE_LOCATION);
            putIfSet(props, env, SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, Settings.KAFKA_SSL_TRUSTSTORE_PASSWORD);
            putIfSet(props, env, SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, Settings.KAFKA_SSL_TRUSTSTORE_TYPE);
            putIfSet(props, env, SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG, Settings.KAFKA_SSL_KEYSTORE_LOCATION);
            putIfSet(props, env, SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG, Settings.KAFKA_SSL_KEYSTORE_PASSWORD);
            putIfSet(props, env, SslConfigs.SSL_KEY_PASSWORD_CONFIG, Settings.KAFKA_SSL_KEY_PASSWORD);
            String identification = env.get(Settings.KAFKA_SSL_ENDPOINT_IDENTIFICATION);
            // "none" turns host name checking off (a broker certificate without the host's name); never the default.
            props.put(
                    SslConfigs.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM_CONFIG,
                    identification.equals("none") ? "" : identification);
        }
        return new KafkaSecurity(props);
    }

    /** The client properties to add to every Kafka client's own. */
    public Map<String, Object> properties() {
        return properties;
    }

    /** A JAAS line as given, or one made from a user name and password for SCRAM or PLAIN. */
    private static String jaas(Environment env, String mechanism) {
        if (env.isSet(Settings.KAFKA_SASL_JAAS_CONFIG)) {
            return env.get(Settings.KAFKA_SASL_JAAS_CONFIG);
        }
        String module =
                switch (mechanism) {
                    case "SCRAM-SHA-256", "SCRAM-SHA-512" -> "org.apache.kafka.common.security.scram.ScramLoginModule";
                    case "PLAIN" -> "org.apache.kafka.common.security.plain.PlainLoginModule";
                    default ->
                        throw new ConfigException(Settings.KAFKA_SASL_MECHANISM.name() + " " + mechanism + " needs "
                                + Settings.KAFKA_SASL_JAAS_CONFIG.name());
                };
        if (!env.isSet(Settings.KAFKA_SASL_USERNAME)) {
            throw new ConfigException(env.get(Settings.KAFKA_SECURITY_PROTOCOL) + " needs "
                    + Settings.KAFKA_SASL_USERNAME.name() + " and a password (" + Settings.KAFKA_SASL_PASSWORD.name()
                    + " or " + Settings.KAFKA_SASL_PASSWORD_FILE.name() + "), or "
                    + Settings.KAFKA_SASL_JAAS_CONFIG.name());
        }
        return module + " required username=\"" + quoted(env.get(Settings.KAFKA_SASL_USERNAME)) + "\" password=\""
                + quoted(password(env)) + "\";";
    }

    private static String password(Environment env) {
        String password = env.secret(Settings.KAFKA_SASL_PASSWORD, Settings.KAFKA_SASL_PASSWORD_FILE);
        if (password.isEmpty()) {
            throw new ConfigException(Settings.KAFKA_SASL_USERNAME.name() + " is set, but neither "
                    + Settings.KAFKA_SASL_PASSWORD.name() + " nor " + Settings.KAFKA_SASL_PASSWORD_FILE.name() + " is");
        }
        return password;
    }

    // JAAS values are double-quoted; a quote or backslash inside must be escaped.
    private static String quoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static void putIfSet(Map<String, Object> props, Environment env, String key, Setting setting) {
        if (env.isSet(setting)) {
            props.put(key, env.get(setting));
        }
    }

    @Override
    public String toString() {
        return "KafkaSecurity[" + properties.getOrDefault(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT")
                + (properties.containsKey(SaslConfigs.SASL_MECHANISM)
                        ? " " + properties.get(SaslConfigs.SASL_MECHANISM)
                        : "")
                + "]";
    }
}
