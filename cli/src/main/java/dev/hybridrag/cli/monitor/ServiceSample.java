package dev.hybridrag.cli.monitor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One process of the stack as Linux sees it: CPU time used so far and resident memory, read from {@code /proc} (the
 * user story's {@code docker stats}, for processes instead of containers).
 *
 * @param name the pid file's name: {@code extractor}, {@code extractor-2}, {@code postgres}
 * @param pid the process
 * @param cpuTicks user plus system time so far, in clock ticks
 * @param residentBytes resident set size
 */
record ServiceSample(String name, long pid, long cpuTicks, long residentBytes) {

    /** Linux's USER_HZ: the unit of /proc/PID/stat's times on every platform Linux runs on today. */
    static final int TICKS_PER_SECOND = 100;

    private static final long PAGE_BYTES = 4096;

    /** @return the sample, or nothing when the process is gone or /proc cannot be read (not Linux) */
    static Optional<ServiceSample> read(String name, long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
            List<String> fields =
                    List.of(stat.substring(stat.lastIndexOf(')') + 2).split(" "));
            long ticks = Long.parseLong(fields.get(11)) + Long.parseLong(fields.get(12));
            long pages = Long.parseLong(fields.get(21));
            return Optional.of(new ServiceSample(name, pid, ticks, pages * PAGE_BYTES));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The share of one core this process used since {@code before}, in percent. */
    double cpuPercentSince(ServiceSample before, long elapsedNanos) {
        if (before.pid != pid || elapsedNanos <= 0) {
            return 0;
        }
        double seconds = (double) (cpuTicks - before.cpuTicks) / TICKS_PER_SECOND;
        return 100.0 * seconds / (elapsedNanos / 1e9);
    }
}
