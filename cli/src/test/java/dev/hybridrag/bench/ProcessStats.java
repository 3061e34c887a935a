package dev.hybridrag.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** CPU time and resident memory of a process, from /proc (Linux). */
public record ProcessStats(long cpuTicks, long residentKib) {

    /** USER_HZ: the unit of the CPU times in /proc/PID/stat on every Linux this runs on. */
    static final int TICKS_PER_SECOND = 100;

    static ProcessStats of(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // Fields after the command name (which may hold spaces) start at its closing parenthesis.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime + stime
        long rss = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                .filter(line -> line.startsWith("VmRSS:"))
                .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
                .findFirst()
                .orElse(0);
        return new ProcessStats(ticks, rss);
    }

    /**
     * The largest memory page any of the process's mappings is on, in kB: 2048 when, say, PostgreSQL's shared memory
     * is on huge pages, 4 when nothing is.
     */
    public static long largestPageKb(long pid) throws IOException {
        try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid), "smaps"))) {
            return lines.filter(line -> line.startsWith("KernelPageSize:"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
                    .max()
                    .orElse(4);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Percent of one core used between {@code before} and this sample, {@code seconds} apart. */
    double cpuPercentSince(ProcessStats before, double seconds) {
        return 100.0 * (cpuTicks - before.cpuTicks) / TICKS_PER_SECOND / seconds;
    }
}
