package dev.hybridrag.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** How busy the machine is: benchmarks on shared machines wait for a quiet moment and say how quiet it was. */
final class Machine {

    private static final Path LOAD_AVERAGE = Path.of("/proc/loadavg");
    private static final Duration PATIENCE = Duration.ofMinutes(10);

    private Machine() {}

    /** The 1-minute load average, or -1 where the system does not publish it. */
    static double loadAverage() throws IOException {
        if (!Files.isReadable(LOAD_AVERAGE)) {
            return -1;
        }
        return Double.parseDouble(Files.readString(LOAD_AVERAGE).split(" ")[0]);
    }

    /** Waits (at most ten minutes) until the 1-minute load average is below {@code max}; returns the last reading. */
    static double awaitQuiet(double max) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        double load = loadAverage();
        while (load >= max && System.nanoTime() < deadline) {
            System.out.printf("benchmark: load average %.2f, waiting for it to fall below %.2f%n", load, max);
            Thread.sleep(10_000);
            load = loadAverage();
        }
        return load;
    }
}
