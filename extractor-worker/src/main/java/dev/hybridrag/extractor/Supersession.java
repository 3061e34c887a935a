package dev.hybridrag.extractor;

import dev.hybridrag.core.storage.DocumentRepository;
import java.sql.SQLException;
import java.time.Duration;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the document being extracted has moved on. Every door publishes through {@code DocumentIntake}, whose
 * pending mark stores every newer version (and every deletion) as {@code pending} once it is published, so a long
 * extraction (a file of thousands of chunks, a slow provider) can see
 * that its result would be discarded as stale and stop paying for it. Chunks already extracted stay in the LLM cache
 * for the newer version. Looks at most once a second; a failed look lets the work go on.
 */
final class Supersession {

    private static final Logger log = LoggerFactory.getLogger(Supersession.class);
    private static final long LOOK_EVERY_NANOS = Duration.ofSeconds(1).toNanos();

    private final DocumentRepository documents = new DocumentRepository();
    private final DataSource dataSource;
    private final String workspace;
    private final String path;
    private final long version;
    private long lastLook = System.nanoTime();
    private long newerVersion;

    Supersession(DataSource dataSource, String workspace, String path, long version) {
        this.dataSource = dataSource;
        this.workspace = workspace;
        this.path = path;
        this.version = version;
    }

    /** @throws SupersededException once a newer version of the document is known */
    synchronized void check() throws SupersededException {
        long now = System.nanoTime();
        if (newerVersion == 0 && now - lastLook >= LOOK_EVERY_NANOS) {
            lastLook = now;
            try {
                OptionalLong stored = documents.storedVersion(dataSource, workspace, path);
                if (stored.isPresent() && stored.getAsLong() > version) {
                    newerVersion = stored.getAsLong();
                }
            } catch (SQLException e) {
                log.debug("could not look for a newer version of {}: {}", path, e.getMessage());
            }
        }
        if (newerVersion != 0) {
            throw new SupersededException(newerVersion);
        }
    }

    /** The document has a newer version (or was deleted since): this extraction's result would be stale. */
    static final class SupersededException extends Exception {
        private final long newerVersion;

        SupersededException(long newerVersion) {
            super("v" + newerVersion + " is waiting", null, false, false);
            this.newerVersion = newerVersion;
        }

        long newerVersion() {
            return newerVersion;
        }
    }
}
