package dev.hybridrag.bench;

import dev.hybridrag.core.tenant.PostgresSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL server and a Kafka broker of the benchmark's own, in {@code var/chaos}, started, restarted and
 * stopped through {@code scripts/stack.sh} (the same functions as {@code ./hybridrag up}), so the benchmark can break
 * them without touching anybody's stack.
 */
final class ChaosStack implements AutoCloseable {

    static final String DATABASE = "chaos";
    private static final String USER = "hybridrag";

    private final Path root;
    private final Path var;
    private final int postgresPort;
    private final int kafkaPort;

    ChaosStack(Path root, Path var, int postgresPort, int kafkaPort) {
        this.root = root.toAbsolutePath().normalize();
        this.var = var.toAbsolutePath().normalize();
        this.postgresPort = postgresPort;
        this.kafkaPort = kafkaPort;
    }

    /** The stack in {@code var}, on the ports {@code ./hybridrag bench} passes ({@code bench.chaos.pgPort}, ...). */
    static ChaosStack of(Path root, Path var) {
        return new ChaosStack(
                root,
                var,
                Integer.getInteger("bench.chaos.pgPort", 5434),
                Integer.getInteger("bench.chaos.kafkaPort", 9102));
    }

    /** Starts both servers and gives the benchmark an empty database. */
    void up() throws Exception {
        stack("up");
        try (Connection connection = DriverManager.getConnection(adminUrl(), USER, password());
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + DATABASE);
        }
        try (Connection connection = DriverManager.getConnection(postgres().jdbcUrl(), USER, password());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE EXTENSION IF NOT EXISTS vector");
        }
    }

    /** Stops PostgreSQL as a crash would (immediate mode) and starts it again; returns how long it was away. */
    Duration restartPostgres() throws Exception {
        return stack("restart-postgres");
    }

    /** Stops the broker (SIGTERM) and starts it again; returns how long it was away. */
    Duration restartKafka() throws Exception {
        return stack("restart-kafka");
    }

    PostgresSettings postgres() {
        return new PostgresSettings("127.0.0.1", postgresPort, DATABASE, USER, password());
    }

    /** The administrator's random password, which scripts/postgres.sh made on the first start. */
    private String password() {
        try {
            return Files.readString(var.resolve("secrets/admin-password")).strip();
        } catch (IOException e) {
            throw new IllegalStateException(
                    "the stack's administrator password is not in " + var.resolve("secrets"), e);
        }
    }

    String bootstrapServers() {
        return "127.0.0.1:" + kafkaPort;
    }

    /** The settings that log a client in to the stack's broker (SCRAM; the password stays in its file). */
    Map<String, String> kafkaLogin() {
        return Map.of(
                "KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "KAFKA_SASL_USERNAME", "hybridrag",
                "KAFKA_SASL_PASSWORD_FILE",
                        var.resolve("secrets/kafka-password").toString());
    }

    /**
     * What a service process of the benchmark needs to reach this stack: the tenants file, PostgreSQL as its
     * administrator, the broker with its SCRAM login, and 4 partitions per topic. A mutable map, for more settings.
     */
    Map<String, String> serviceEnvironment(Path tenantsFile) {
        Map<String, String> environment = new HashMap<>(kafkaLogin());
        environment.putAll(Map.of(
                "HYBRIDRAG_TENANTS_FILE", tenantsFile.toString(),
                "POSTGRES_HOST", postgres().host(),
                "POSTGRES_PORT", Integer.toString(postgres().port()),
                "POSTGRES_DB", postgres().database(),
                "POSTGRES_USER", postgres().user(),
                "POSTGRES_PASSWORD", postgres().password(),
                "KAFKA_BOOTSTRAP_SERVERS", bootstrapServers(),
                "HYBRIDRAG_TOPIC_PARTITIONS", "4"));
        return environment;
    }

    Path var() {
        return var;
    }

    private String adminUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgresPort + "/hybridrag";
    }

    /** A Kafka user whose ACLs allow only names starting with {@code prefix}; its password is read from the file. */
    void addKafkaUser(String user, Path passwordFile, String prefix) throws IOException, InterruptedException {
        stack("kafka-user", user, passwordFile.toString(), prefix);
    }

    /** The administrator's password file and the broker's: secrets a probe looks for where they must not be. */
    Path secrets() {
        return var.resolve("secrets");
    }

    private Duration stack(String... command) throws IOException, InterruptedException {
        Files.createDirectories(var.resolve("log"));
        long started = System.nanoTime();
        List<String> arguments =
                new ArrayList<>(List.of("bash", root.resolve("scripts/stack.sh").toString()));
        arguments.addAll(List.of(command));
        ProcessBuilder builder = new ProcessBuilder(arguments)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        var.resolve("log/stack.log").toFile()));
        builder.environment().put("HR_VAR", var.toString());
        builder.environment().put("HR_PG_PORT", Integer.toString(postgresPort));
        builder.environment().put("HR_KAFKA_PORT", Integer.toString(kafkaPort));
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(
                    "scripts/stack.sh " + String.join(" ", command) + " failed; see " + var.resolve("log"));
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    @Override
    public void close() throws IOException, InterruptedException, SQLException {
        stack("down");
    }
}
