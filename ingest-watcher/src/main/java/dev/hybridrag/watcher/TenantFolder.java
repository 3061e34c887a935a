package dev.hybridrag.watcher;

import dev.hybridrag.core.intake.DocumentIntake;
import dev.hybridrag.core.intake.Refusal;
import dev.hybridrag.core.metrics.PipelineMeters;
import dev.hybridrag.core.tenant.FileSelection;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.core.tenant.WatchRoot;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One watch root of one tenant: reconciles the folder with what the tenant's database holds, then watches it (or,
 * where the kernel refuses a watch, scans it every {@link #RESCAN}). Every change is debounced per path and handled
 * on one thread, so state needs no locks.
 */
final class TenantFolder implements FolderWatch.WatchedRoot, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TenantFolder.class);
    private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(5);
    private static final String REFUSED = "refused: ";
    static final Duration RESCAN = Duration.ofSeconds(30);

    private final TenantConfig tenant;
    private final Path root;
    private final FileSelection selection;
    private final DocumentIntake intake;
    /** Whether a watch root of the tenant holds a path this one lacks, so it must not take it for deleted. */
    private final Predicate<String> heldElsewhere;

    private final long maxBytes;
    private final Duration debounce;
    /**
     * Path to the content hash last published (or held in the database at start), or to {@link #REFUSED} and the
     * reason for a file last refused.
     */
    private final Map<String, String> published;

    private final Duration maxWait;
    /** Paths with a read scheduled: when their burst of events began, and the read. */
    private final Map<String, Burst> pending = new HashMap<>();

    private record Burst(long startedNanos, ScheduledFuture<?> read) {}

    private final ScheduledExecutorService thread;
    private final AtomicBoolean scanning = new AtomicBoolean();

    TenantFolder(
            TenantConfig tenant,
            WatchRoot watchRoot,
            DocumentIntake intake,
            Predicate<String> heldElsewhere,
            Map<String, String> stored,
            WatcherSettings settings) {
        this.tenant = tenant;
        this.root = watchRoot.root();
        this.selection = watchRoot.selection();
        this.intake = intake;
        this.heldElsewhere = heldElsewhere;
        this.maxBytes = settings.maxFileBytes();
        this.debounce = settings.debounce();
        this.maxWait = settings.debounceMaxWait();
        this.published = new HashMap<>();
        // Documents named by an absolute path came from `hybridrag ingest` outside the watch roots: not ours.
        stored.forEach((path, hash) -> {
            if (!path.startsWith("/")) {
                published.put(path, hash);
            }
        });
        this.thread = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name(name()).factory());
    }

    /** Names the folder's thread and its part of the watcher. */
    String name() {
        return "watch-" + tenant.id() + "-" + root.getFileName();
    }

    void start(FolderWatch watch) throws IOException {
        Files.createDirectories(root);
        if (watch.watch(this)) {
            log.info("tenant {} watching {} for {}", tenant.id(), root, selection);
        }
        thread.execute(this::reconcile);
    }

    @Override
    public Path root() {
        return root;
    }

    @Override
    public boolean entersFolder(Path folder) {
        return selection.entersFolder(WatchedFile.relativePath(root, folder));
    }

    @Override
    public void overflowed() {
        thread.execute(this::reconcile);
    }

    @Override
    public void unwatched(String reason) {
        if (scanning.compareAndSet(false, true)) {
            log.warn(
                    "tenant {}: {} is scanned every {} s instead of watched: {}",
                    tenant.id(),
                    root,
                    RESCAN.toSeconds(),
                    reason);
            thread.scheduleWithFixedDelay(this::reconcile, RESCAN.toMillis(), RESCAN.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void changed(Path path) {
        String relative = WatchedFile.relativePath(root, path);
        // A read waits for the path to be quiet for the debounce window, but never longer than maxWait after the
        // burst's first event: a chat saved every 200 ms while an answer streams in is read about every maxWait with
        // its latest content (each read can cost an extraction call), and once more when the saving stops. The read
        // takes the content as it is then; an event after it starts the next burst.
        synchronized (pending) {
            long now = System.nanoTime();
            Burst burst = pending.get(relative);
            long started = burst == null ? now : burst.startedNanos();
            if (burst != null) {
                burst.read().cancel(false);
            }
            long untilMaxWait = Math.max(0, started + maxWait.toNanos() - now);
            long delay = Math.min(debounce.toNanos(), untilMaxWait);
            pending.put(
                    relative, new Burst(started, thread.schedule(() -> refresh(path), delay, TimeUnit.NANOSECONDS)));
        }
    }

    /** Publishes what changed while nobody watched: new, changed and deleted files. */
    private void reconcile() {
        Set<String> seen = new HashSet<>();
        try {
            FolderScan.walk(root, root, selection, true, file -> {
                seen.add(WatchedFile.relativePath(root, file));
                fileChanged(file);
            });
        } catch (IOException e) {
            log.error("tenant {}: cannot scan {}: {}", tenant.id(), root, e.getMessage());
            return;
        }
        for (String path : List.copyOf(published.keySet())) {
            if (!seen.contains(path) && !heldElsewhere.test(path)) {
                fileDeleted(path);
            }
        }
    }

    private void scanFolder(Path folder) {
        if (!selection.entersFolder(WatchedFile.relativePath(root, folder))) {
            return; // .git, node_modules and the like change often and hold nothing to ingest
        }
        try {
            FolderScan.walk(root, folder, selection, true, this::fileChanged);
        } catch (IOException e) {
            log.warn("tenant {}: cannot scan {}: {}", tenant.id(), folder, e.getMessage());
        }
    }

    /** Whether this root has a file the tenant ingests at {@code relative}. */
    boolean holds(String relative) {
        return selection.selects(relative) && Files.exists(root.resolve(relative), LinkOption.NOFOLLOW_LINKS);
    }

    private void refresh(Path path) {
        synchronized (pending) {
            pending.remove(WatchedFile.relativePath(root, path));
        }
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            scanFolder(path); // a folder moved in or created with files in it
        } else if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            if (selection.selects(WatchedFile.relativePath(root, path))) {
                fileChanged(path);
            }
        } else {
            String prefix = WatchedFile.relativePath(root, path);
            for (String known : List.copyOf(published.keySet())) {
                if ((known.equals(prefix) || known.startsWith(prefix + "/")) && !heldElsewhere.test(known)) {
                    fileDeleted(known);
                }
            }
        }
    }

    private void fileChanged(Path file) {
        String relative = WatchedFile.relativePath(root, file);
        WatchedFile read;
        Timer.Sample reading = PipelineMeters.start();
        try {
            read = WatchedFile.read(root, file, maxBytes);
            reading.stop(PipelineMeters.stage(PipelineMeters.READ, tenant.id().value()));
        } catch (WatchedFile.RefusedFileException e) {
            refused(file, relative, e.getMessage());
            return;
        } catch (NoSuchFileException e) {
            return; // deleted meanwhile: its own event follows
        } catch (IOException e) {
            refused(file, relative, "it cannot be read (" + e.getClass().getSimpleName() + ")");
            return;
        }
        String before = published.get(read.relativePath());
        if (read.hash().equals(before)) {
            return;
        }
        if (publish("change", read.relativePath(), () -> intake.put(tenant, read.text()), () -> refresh(file))) {
            published.put(read.relativePath(), read.hash());
        }
    }

    private void refused(Path file, String relative, String reason) {
        String marker = REFUSED + reason;
        if (marker.equals(published.get(relative))) {
            return; // already recorded; an editor saving a huge file every second must not flood the log
        }
        log.warn("tenant {}: not ingesting {}: {}", tenant.id(), relative, reason);
        intake.refuse(tenant, Refusal.of(file, relative, reason));
        published.put(relative, marker);
    }

    private void fileDeleted(String relative) {
        if (publish(
                "deletion", relative, () -> intake.delete(tenant, relative), () -> refresh(root.resolve(relative)))) {
            published.remove(relative);
        }
    }

    /** What the intake is asked to do with a path; it returns the version published. */
    private interface Submission {
        long submit() throws InterruptedException;
    }

    private boolean publish(String what, String path, Submission submission, Runnable retry) {
        try {
            long version = submission.submit();
            log.info("tenant {}: published the {} of {} as v{}", tenant.id(), what, path, version);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (RuntimeException e) {
            log.error("tenant {}: {}; retrying in {} s", tenant.id(), e.getMessage(), RETRY_AFTER_FAILURE.toSeconds());
            thread.schedule(retry, RETRY_AFTER_FAILURE.toMillis(), TimeUnit.MILLISECONDS);
            return false;
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
