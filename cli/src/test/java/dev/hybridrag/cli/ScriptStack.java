package dev.hybridrag.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The stack {@code ./hybridrag up} starts, run through the script as a user runs it, with its state in a var/ of its
 * own ({@code HR_VAR}) and on ports of its own: a block of 32 in 20000-29999, below the ephemeral range the tests'
 * in-JVM brokers draw from and away from the developers' and CI's stacks.
 */
final class ScriptStack implements AutoCloseable {

    record Result(int exitCode, String output, String errors) {}

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** What the scripts need from the caller's environment; the connection settings are left out on purpose. */
    private static final List<String> PASSED_ON = List.of("PATH", "HOME", "LANG", "JAVA_HOME", "MAVEN_OPTS");

    private final Path var;
    private final int base;

    private ScriptStack(Path var, int base) {
        this.var = var;
        this.base = base;
    }

    /** A stack in {@code var/NAME} of the checkout; whatever an earlier run left there is stopped and removed. */
    static ScriptStack in(String name) throws IOException, InterruptedException {
        ScriptStack stack = new ScriptStack(ROOT.resolve("var").resolve(name), freeBlock());
        if (Files.exists(stack.var)) {
            stack.run("down");
            try (Stream<Path> files = Files.walk(stack.var)) {
                files.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
        Files.createDirectories(stack.inbox());
        return stack;
    }

    /** {@code ./hybridrag ARGS} against this stack; stdout and stderr apart, so an answer is compared alone. */
    Result run(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("hybridrag").toString()));
        command.addAll(List.of(arguments));
        Files.createDirectories(var.resolve("log"));
        Path errors = Files.createTempFile(var.resolve("log"), "script", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(errors.toFile());
        Map<String, String> environment = builder.environment();
        environment.keySet().retainAll(PASSED_ON);
        environment.putAll(Map.of(
                "HR_VAR", var.toString(),
                "HR_PG_PORT", Integer.toString(postgresPort()),
                "HR_KAFKA_PORT", Integer.toString(kafkaPort()),
                "HYBRIDRAG_QUERY_PORT", Integer.toString(base + 4),
                "HR_METRICS_PORT", Integer.toString(base + 8),
                "HYBRIDRAG_WATCH_ROOT", inbox().toString()));
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), UTF_8);
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IOException("./hybridrag " + String.join(" ", arguments) + " did not finish:\n" + output);
        }
        String error = Files.readString(errors);
        Files.delete(errors);
        return new Result(process.exitValue(), output, error);
    }

    /** A connection to the stack's main database as its administrator, with the password up keeps in var/secrets. */
    Connection administrator() throws IOException, SQLException {
        String password =
                Files.readString(var.resolve("secrets/admin-password")).strip();
        return DriverManager.getConnection(jdbcUrl(), "hybridrag", password);
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgresPort() + "/hybridrag";
    }

    String bootstrapServers() {
        return "127.0.0.1:" + kafkaPort();
    }

    int postgresPort() {
        return base;
    }

    /** The broker's client port; its controller listens on the next one. */
    int kafkaPort() {
        return base + 2;
    }

    Path var() {
        return var;
    }

    /** The folder the stack's watcher watches for the default tenant. */
    Path inbox() {
        return var.resolve("inbox");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("down");
    }

    /** PostgreSQL, Kafka and its controller, query-service, and the watcher's, indexer's and extractor's metrics. */
    private static int freeBlock() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = 20000 + 32 * ThreadLocalRandom.current().nextInt(300);
            if (List.of(0, 2, 3, 4, 8, 9, 25).stream().allMatch(offset -> free(base + offset))) {
                return base;
            }
        }
        throw new IOException("no free block of ports in 20000-29999");
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
