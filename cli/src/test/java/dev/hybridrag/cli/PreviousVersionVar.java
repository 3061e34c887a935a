package dev.hybridrag.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.hybridrag.core.config.Environment;
import dev.hybridrag.core.kafka.KafkaClients;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialDeletion;

/**
 * Turns a stack's var/ back into what the version before the walls (a0eedd3^) left there, as its scripts wrote it:
 * initdb {@code --auth=trust} (trust for local, 127.0.0.1 and ::1), {@code shared_buffers = 256MB} in postgresql.conf
 * and no included settings files, the administrator {@code hybridrag} created with
 * the password {@code hybridrag}, no admin, Kafka or broker password files (only the app role's, in a secrets folder
 * made without a umask), and a broker whose listeners were PLAINTEXT and whose metadata holds no SCRAM user.
 */
final class PreviousVersionVar {

    /** pg_hba.conf's rules as PostgreSQL 15's initdb --auth=trust writes them. */
    private static final String TRUST_HBA = """
            # TYPE  DATABASE        USER            ADDRESS                 METHOD
            local   all             all                                     trust
            host    all             all             127.0.0.1/32            trust
            host    all             all             ::1/128                 trust
            local   replication     all                                     trust
            host    replication     all             127.0.0.1/32            trust
            host    replication     all             ::1/128                 trust
            """;

    private PreviousVersionVar() {}

    /** Rewinds the running stack's var/ and stops the stack: the next {@code up} is an upgrade. */
    static void rewind(ScriptStack stack) throws Exception {
        try (Connection connection = stack.administrator();
                Statement statement = connection.createStatement()) {
            statement.execute("ALTER ROLE hybridrag PASSWORD 'hybridrag'");
        }
        Path var = stack.var();
        try (Admin admin = KafkaClients.fromEnvironment(new Environment(Map.of(
                        "KAFKA_BOOTSTRAP_SERVERS", stack.bootstrapServers(),
                        "KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                        "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                        "KAFKA_SASL_USERNAME", "hybridrag",
                        "KAFKA_SASL_PASSWORD_FILE",
                                var.resolve("secrets/kafka-password").toString())))
                .admin()) {
            admin.alterUserScramCredentials(
                            List.of(new UserScramCredentialDeletion("hybridrag", ScramMechanism.SCRAM_SHA_512)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
        ScriptStack.Result down = stack.run("down");
        if (down.exitCode() != 0) {
            throw new IllegalStateException("down failed: " + down.output() + down.errors());
        }
        Path data = var.resolve("postgres/data");
        Files.writeString(data.resolve("pg_hba.conf"), TRUST_HBA, UTF_8);
        String conf = Files.readString(data.resolve("postgresql.conf"), UTF_8)
                .replace("password_encryption = scram-sha-256\n", "")
                .replace("max_connections = 200\n", "max_connections = 200\nshared_buffers = 256MB\n")
                .replace("include_if_exists = 'hybridrag-walls.conf'\n", "")
                .replace("include_if_exists = 'hybridrag-memory.conf'\n", "");
        Files.writeString(data.resolve("postgresql.conf"), conf, UTF_8);
        Files.delete(data.resolve("hybridrag-walls.conf"));
        Files.delete(data.resolve("hybridrag-memory.conf"));
        for (String secret : List.of("admin-password", "kafka-password", "kafka-broker-password")) {
            Files.delete(var.resolve("secrets").resolve(secret));
        }
        Files.setPosixFilePermissions(var.resolve("secrets"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.delete(var.resolve("kafka/data/.user-hybridrag"));
        plaintextBroker(var.resolve("kafka/server.properties"));
    }

    /**
     * The broker configuration the previous scripts/kafka.sh wrote: this version's, less its SASL logins, authorizer and
     * their comments, with PLAINTEXT listeners.
     */
    private static void plaintextBroker(Path serverProperties) throws IOException {
        List<String> lines = Files.readAllLines(serverProperties, UTF_8).stream()
                .filter(line ->
                        !line.matches("(listener\\.name\\.|sasl\\.|authorizer\\.|allow\\.everyone|super\\.users).*"))
                .filter(line -> !line.contains("SCRAM") && !line.contains("controller must authenticate"))
                .map(line -> line.replace("SASL_PLAINTEXT", "PLAINTEXT"))
                .toList();
        Files.write(serverProperties, lines, UTF_8);
        Files.setPosixFilePermissions(serverProperties, PosixFilePermissions.fromString("rw-r--r--"));
    }
}
