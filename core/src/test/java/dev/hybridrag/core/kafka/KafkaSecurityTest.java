package dev.hybridrag.core.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hybridrag.core.config.ConfigException;
import dev.hybridrag.core.config.Environment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The KAFKA_* settings a deployment on a secured broker gives its services (docs/security.md, issue 19). */
class KafkaSecurityTest {

    private static KafkaSecurity of(Map<String, String> variables) {
        return KafkaSecurity.fromEnvironment(new Environment(variables));
    }

    @Test
    void aScramUserAndPasswordBecomeTheJaasLineEveryClientLogsInWith() {
        KafkaSecurity security = of(Map.of(
                "KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                "KAFKA_SASL_USERNAME", "team_a",
                "KAFKA_SASL_PASSWORD", "pa\"ss\\word"));

        assertThat(security.properties())
                .containsEntry("security.protocol", "SASL_PLAINTEXT")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry(
                        "sasl.jaas.config",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"team_a\""
                                + " password=\"pa\\\"ss\\\\word\";");
        assertThat(security.toString()).isEqualTo("KafkaSecurity[SASL_PLAINTEXT SCRAM-SHA-512]");
    }

    @Test
    void thePasswordCanComeFromAFileAndPlainIsOffered(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("kafka-password"), "from-a-file\n");
        KafkaSecurity security = of(Map.of(
                "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_SASL_MECHANISM", "PLAIN",
                "KAFKA_SASL_USERNAME", "svc",
                "KAFKA_SASL_PASSWORD_FILE", secret.toString(),
                "KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/kafka/ca.p12",
                "KAFKA_SSL_TRUSTSTORE_PASSWORD", "store-secret",
                "KAFKA_SSL_ENDPOINT_IDENTIFICATION", "none"));

        assertThat(security.properties())
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("ssl.truststore.location", "/etc/kafka/ca.p12")
                .containsEntry("ssl.truststore.password", "store-secret")
                .containsEntry("ssl.endpoint.identification.algorithm", "");
        assertThat((String) security.properties().get("sasl.jaas.config"))
                .startsWith("org.apache.kafka.common.security.plain.PlainLoginModule required")
                .contains("password=\"from-a-file\"");
        assertThat(security.toString()).doesNotContain("from-a-file", "store-secret");
    }

    @Test
    void badSettingsAreNamedAtStart() {
        assertThatThrownBy(() -> of(Map.of("KAFKA_SECURITY_PROTOCOL", "TLS")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("KAFKA_SECURITY_PROTOCOL");
        assertThatThrownBy(() -> of(Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("KAFKA_SASL_USERNAME");
        assertThatThrownBy(() -> of(Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT", "KAFKA_SASL_USERNAME", "u")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("KAFKA_SASL_PASSWORD");
        assertThatThrownBy(() -> of(Map.of(
                        "KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                        "KAFKA_SASL_MECHANISM", "GSSAPI")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("KAFKA_SASL_JAAS_CONFIG");
    }
}
