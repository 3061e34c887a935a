package dev.hybridrag.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of a benchmark's own, so it can be configured (max_connections) without touching the shared
 * one: Debian's PostgreSQL 15 binaries (which carry pgvector), run as the {@code postgres} OS user, data in a
 * temporary folder, loopback only, on a free port. Durability is off (fsync, full-page writes): the data is thrown
 * away with the folder.
 */
final class PostgresCluster implements AutoCloseable {

    static final Path BIN = Path.of(System.getProperty("bench.pgbin", "/usr/lib/postgresql/15/bin"));
    static final String SUPERUSER = "hybridrag";
    static final String PASSWORD = "hybridrag";

    private final Path folder;
    private final Path data;
    private final int port;

    private PostgresCluster(Path folder, int port) {
        this.folder = folder;
        this.data = folder.resolve("data");
        this.port = port;
    }

    /** Whether this machine can run one: the binaries are there and we may become the postgres user. */
    static boolean available() {
        return Files.isExecutable(BIN.resolve("initdb"))
                && "root".equals(System.getProperty("user.name"))
                && Files.isExecutable(Path.of("/usr/sbin/runuser"));
    }

    /** Initialises and starts a server with these extra {@code postgresql.conf} lines. */
    static PostgresCluster start(List<String> settings) throws Exception {
        Path folder = Files.createTempDirectory(
                Path.of("/tmp"),
                "hybridrag-pg-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        PostgresCluster cluster = new PostgresCluster(folder, freePort());
        try {
            cluster.init(settings);
            cluster.asPostgres(
                    BIN.resolve("pg_ctl").toString(),
                    "-D",
                    cluster.data.toString(),
                    "-l",
                    cluster.log().toString(),
                    "-w",
                    "-t",
                    "60",
                    "start");
            return cluster;
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
    }

    private void init(List<String> settings) throws Exception {
        run("chown", "postgres:postgres", folder.toString());
        Path passwordFile = folder.resolve("password");
        Files.writeString(passwordFile, PASSWORD + "\n");
        run("chown", "postgres:postgres", passwordFile.toString());
        asPostgres(
                BIN.resolve("initdb").toString(),
                "-D",
                data.toString(),
                "-U",
                SUPERUSER,
                "--pwfile=" + passwordFile,
                "--auth-local=trust",
                "--auth-host=scram-sha-256",
                "-E",
                "UTF8",
                "--locale=C.UTF-8");
        List<String> conf = new ArrayList<>(List.of(
                "listen_addresses = '127.0.0.1'",
                "port = " + port,
                "unix_socket_directories = '" + folder + "'",
                "fsync = off",
                "full_page_writes = off",
                "synchronous_commit = off",
                "shared_buffers = 128MB"));
        conf.addAll(settings);
        Files.writeString(
                data.resolve("postgresql.conf"),
                String.join("\n", conf) + "\n",
                java.nio.file.StandardOpenOption.APPEND);
    }

    int port() {
        return port;
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** The server's log: connections it refused are written there. */
    Path log() {
        return folder.resolve("postgres.log");
    }

    private void asPostgres(String... command) throws Exception {
        List<String> line = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        line.addAll(List.of(command));
        run(line.toArray(String[]::new));
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed:\n" + output);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        try {
            if (Files.exists(data.resolve("postmaster.pid"))) {
                asPostgres(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop");
            }
        } finally {
            try (Stream<Path> files = Files.walk(folder)) {
                files.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
    }
}
