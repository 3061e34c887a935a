package dev.hybridrag.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The PostgreSQL server on this machine, as /proc shows it (Linux): for benchmarks that run beside it. */
final class LocalPostgres {

    private LocalPostgres() {}

    /** Every process named postgres: the server and its backends. */
    static List<ProcessHandle> processes() {
        try (Stream<ProcessHandle> processes = ProcessHandle.allProcesses()) {
            return processes.filter(LocalPostgres::isPostgres).toList();
        }
    }

    /** User and system CPU ticks of every process named postgres. */
    static long cpuTicks() {
        long ticks = 0;
        for (ProcessHandle process : processes()) {
            try {
                ticks += ProcessStats.of(process.pid()).cpuTicks();
            } catch (IOException ended) {
                // The process ended between the listing and the read: its time is gone with it.
            }
        }
        return ticks;
    }

    /**
     * The pages its shared memory is on, "2 MB" (huge pages, scripts/postgres.sh) or "4 kB": the largest page of the
     * server's mappings, which every backend shares.
     */
    static String sharedMemoryPages() {
        long largestKb = 4;
        for (ProcessHandle process : processes()) {
            try {
                largestKb = Math.max(largestKb, ProcessStats.largestPageKb(process.pid()));
            } catch (IOException ended) {
                // The process ended between the listing and the read.
            }
        }
        return largestKb >= 1024 ? largestKb / 1024 + " MB" : largestKb + " kB";
    }

    private static boolean isPostgres(ProcessHandle process) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(process.pid()), "comm"))
                    .strip()
                    .equals("postgres");
        } catch (IOException ended) {
            return false;
        }
    }
}
