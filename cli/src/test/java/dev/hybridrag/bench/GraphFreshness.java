package dev.hybridrag.bench;

import dev.hybridrag.core.tenant.PostgresSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Time from writing a file into a watched folder (an atomic save) to its entity being in the materialised graph
 * ({@code entities}), asked every 10 ms. Files are written one after another, each naming an entity of its own.
 */
record GraphFreshness(PostgresSettings postgres, String workspace, Path folder) {

    private static final Duration PATIENCE = Duration.ofMinutes(2);

    /**
     * Latencies of {@code writes} files, in write order, after {@code warmUps} unmeasured ones (the services' first
     * provider calls, class loading and JIT are not what an idle fleet costs a write).
     */
    List<Duration> measure(int warmUps, int writes) throws Exception {
        List<Duration> all = measure(warmUps + writes);
        return List.copyOf(all.subList(warmUps, all.size()));
    }

    private List<Duration> measure(int writes) throws Exception {
        List<Duration> latencies = new ArrayList<>();
        try (Connection connection =
                        DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
                PreparedStatement entity =
                        connection.prepareStatement("SELECT 1 FROM entities WHERE workspace = ? AND key = ?")) {
            entity.setString(1, workspace);
            for (int i = 0; i < writes; i++) {
                String name = "Quasar" + letters(i);
                Path temporary = folder.resolve(".note-" + i + ".md.tmp");
                Files.writeString(temporary, "# Sighting\n\n" + name + " crossed the sky.\n");
                long written = System.nanoTime();
                Files.move(temporary, folder.resolve("note-" + i + ".md"), StandardCopyOption.ATOMIC_MOVE);
                entity.setString(2, name.toLowerCase(java.util.Locale.ROOT));
                while (!exists(entity)) {
                    if (System.nanoTime() - written > PATIENCE.toNanos()) {
                        throw new IllegalStateException(
                                name + " not in the graph of " + workspace + " after " + PATIENCE.toSeconds() + " s");
                    }
                    Thread.sleep(10);
                }
                latencies.add(Duration.ofNanos(System.nanoTime() - written));
                Thread.sleep(500);
            }
        }
        return latencies;
    }

    private static boolean exists(PreparedStatement entity) throws Exception {
        try (ResultSet rows = entity.executeQuery()) {
            return rows.next();
        }
    }

    /** 0 → "aa", 1 → "ab", …: capitalised words must be letters only to be taken as entity names. */
    private static String letters(int number) {
        return "" + (char) ('a' + number / 26 % 26) + (char) ('a' + number % 26);
    }
}
