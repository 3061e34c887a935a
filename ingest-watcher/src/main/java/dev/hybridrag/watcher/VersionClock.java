package dev.hybridrag.watcher;

import dev.hybridrag.core.storage.DocumentRepository;
import java.sql.SQLException;
import java.time.Clock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Versions order the events of a path; the pipeline drops an event older than what the tenant's table holds. They
 * follow the wall clock, so the watcher, {@code ingest} and {@code documents retry} agree without talking; they never
 * repeat or go back within a process; and they always exceed the version stored for the path, so that a clock set
 * back after a restart, or a machine whose clock runs behind the one that wrote last, cannot make a real change look
 * stale and be lost.
 */
final class VersionClock {

    private static final Logger log = LoggerFactory.getLogger(VersionClock.class);

    private final Clock clock;
    private final DocumentRepository documents = new DocumentRepository();
    private long last;

    VersionClock(Clock clock) {
        this.clock = clock;
    }

    /** The version for the next event of the path: later than this process's last one and than the stored one. */
    long next(DataSource dataSource, String workspace, String path) {
        long stored = 0;
        try {
            stored = documents.storedVersion(dataSource, workspace, path).orElse(0);
        } catch (SQLException e) {
            // The database is away: the clock alone orders events, as it does for a path never stored.
            log.debug("no stored version of {}: {}", path, e.getMessage());
        }
        synchronized (this) {
            last = Math.max(Math.max(last + 1, clock.millis()), stored + 1);
            return last;
        }
    }
}
