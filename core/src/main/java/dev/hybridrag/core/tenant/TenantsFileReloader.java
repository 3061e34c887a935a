package dev.hybridrag.core.tenant;

import dev.hybridrag.core.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads the registry when its tenants file changes, so a tenant added to {@code tenants.yaml} (and prepared with
 * {@code tenant create}) is served without a restart. It looks at the file's modification time and size every
 * {@link #EVERY}: one {@code stat} per process, nothing an idle fleet would notice. An inotify watch would be
 * quicker, but editors replace the file (a new inode) and the watcher's instances are counted (docs/watching.md).
 */
public final class TenantsFileReloader implements AutoCloseable {

    static final Duration EVERY = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(TenantsFileReloader.class);

    private final Path file;
    private final TenantRegistry registry;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "tenants-file");
        thread.setDaemon(true);
        return thread;
    });
    private Optional<String> seen;

    public TenantsFileReloader(Path file, TenantRegistry registry) {
        this.file = file;
        this.registry = registry;
        this.seen = stamp();
    }

    public TenantsFileReloader start() {
        timer.scheduleWithFixedDelay(this::check, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Reloads the registry if the file changed since the last look. */
    void check() {
        Optional<String> now = stamp();
        if (now.isEmpty() || Objects.equals(now, seen)) {
            return;
        }
        seen = now;
        try {
            registry.reload();
        } catch (ConfigException e) {
            log.error("{} changed but was not applied: {}", file, e.getMessage());
        } catch (RuntimeException e) {
            log.error("{} changed but could not be reloaded: {}", file, e.toString());
        }
    }

    private Optional<String> stamp() {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return Optional.of(
                    attributes.lastModifiedTime().toMillis() + "/" + attributes.size() + "/" + attributes.fileKey());
        } catch (IOException e) {
            return Optional.empty(); // being replaced, or gone: the registry keeps what it has
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
