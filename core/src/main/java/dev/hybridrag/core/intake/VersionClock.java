package dev.hybridrag.core.intake;

import java.time.Clock;

/**
 * Versions order the events of a path; the pipeline drops an event older than what the tenant's table holds. They
 * follow the wall clock, so every door (the watcher, {@code ingest}, {@code documents retry}, deletes from the HTTP
 * API and the CLI) agrees without talking; they never repeat or go back within a process; and they always exceed
 * the version stored for the path, so that a clock set back after a restart, or a machine whose clock runs behind the
 * one that wrote last, cannot make a real change look stale and be lost.
 */
final class VersionClock {

    private final Clock clock;
    private long last;

    VersionClock(Clock clock) {
        this.clock = clock;
    }

    /** The version for the next event of a path whose stored version is {@code stored} (0 when none is). */
    synchronized long after(long stored) {
        last = Math.max(Math.max(last + 1, clock.millis()), stored + 1);
        return last;
    }
}
