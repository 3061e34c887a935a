package dev.hybridrag.core.testing;

import dev.hybridrag.core.tenant.PostgresSettings;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A second, throwaway PostgreSQL server: a cluster of its own in a temporary folder, run from the Debian binaries
 * (with the same pgvector) as the {@code postgres} OS user on a free loopback port, for tests of tenants spread over
 * two servers. Its superuser has the given name and password; it is stopped and deleted on close. Needs root (as on
 * CI and here, where {@code ./hybridrag test} installs PostgreSQL 15 and with it the {@code postgres} user).
 */
public final class TestPostgresCluster implements AutoCloseable {

    private static final Path BINARIES = Path.of("/usr/lib/postgresql/15/bin");

    private final Path directory;
    private final int port;
    private final String superuser;
    private final String password;

    private TestPostgresCluster(Path directory, int port, String superuser, String password) {
        this.directory = directory;
        this.port = port;
        this.superuser = superuser;
        this.password = password;
    }

    public static TestPostgresCluster start(String superuser, String password)
            throws IOException, InterruptedException {
        Path directory = Files.createTempDirectory("hybridrag-pg-");
        Path data = directory.resolve("data");
        Path passwordFile = directory.resolve("password");
        Files.writeString(passwordFile, password);
        run(List.of("chown", "-R", "postgres:postgres", directory.toString()));
        run(List.of("chmod", "700", directory.toString()));
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        TestPostgresCluster cluster = new TestPostgresCluster(directory, port, superuser, password);
        asPostgres(List.of(
                BINARIES.resolve("initdb").toString(),
                "-D",
                data.toString(),
                "-U",
                superuser,
                "--pwfile=" + passwordFile,
                "--auth=scram-sha-256",
                "-E",
                "UTF8",
                "--no-sync"));
        asPostgres(List.of(
                BINARIES.resolve("pg_ctl").toString(),
                "-D",
                data.toString(),
                "-l",
                directory.resolve("server.log").toString(),
                "-w",
                "-o",
                "-p " + port + " -k " + directory + " -c listen_addresses=127.0.0.1 -c fsync=off"
                        + " -c shared_buffers=32MB -c max_connections=60",
                "start"));
        return cluster;
    }

    /** The superuser on the given database. */
    public PostgresSettings settings(String database) {
        return new PostgresSettings("127.0.0.1", port, database, superuser, password);
    }

    public int port() {
        return port;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            asPostgres(List.of(
                    BINARIES.resolve("pg_ctl").toString(),
                    "-D",
                    directory.resolve("data").toString(),
                    "-m",
                    "immediate",
                    "-w",
                    "stop"));
        } finally {
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private static void asPostgres(List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        full.addAll(command);
        run(full);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed:\n" + output);
        }
    }
}
