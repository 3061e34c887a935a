package dev.hybridrag.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A turn on a machine shared with other people's jobs, held while a benchmark phase runs: the command named by a
 * system property ({@code -Dbench.heavy=/work/bin/heavy}, {@code -Dbench.calm=/work/bin/calm}) is run around a
 * process that does nothing until the turn is given back. A long start-up can so run as a heavy job among others, and
 * only the measured minutes take the machine alone. Without the property, a turn is taken at once and means nothing.
 */
final class MachineTurn implements AutoCloseable {

    private static final String HELD = "bench: turn held";

    private final Process holder;
    private final String said;

    private MachineTurn(Process holder, String said) {
        this.holder = holder;
        this.said = said;
    }

    /** Waits for the turn the property names (as long as it takes: the command decides). */
    static MachineTurn take(String property) throws IOException {
        String command = System.getProperty(property, "").strip();
        if (command.isEmpty()) {
            return new MachineTurn(null, "");
        }
        List<String> line = new ArrayList<>(Arrays.asList(command.split("\\s+")));
        line.addAll(List.of("bash", "-c", "echo '" + HELD + "' >&2; exec cat"));
        System.out.printf("benchmark: waiting for %s%n", command);
        Process holder = new ProcessBuilder(line).start();
        BufferedReader errors =
                new BufferedReader(new InputStreamReader(holder.getErrorStream(), StandardCharsets.UTF_8));
        List<String> said = new ArrayList<>();
        for (String next = errors.readLine(); !HELD.equals(next); next = errors.readLine()) {
            if (next == null) {
                throw new IOException(command + " ended before giving a turn: " + said);
            }
            said.add(next);
        }
        System.out.printf("benchmark: %s held %s%n", command, said);
        return new MachineTurn(holder, String.join("; ", said));
    }

    /** What the command printed when it gave the turn (calm: the time and the load), or "" for none. */
    String said() {
        return said;
    }

    @Override
    public void close() throws Exception {
        if (holder == null) {
            return;
        }
        holder.getOutputStream().close(); // cat ends, and with it the turn
        if (!holder.waitFor(30, TimeUnit.SECONDS)) {
            holder.destroy();
        }
    }
}
