package dev.hybridrag.watcher;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every watch root of the process on one watch service, so on Linux one inotify instance whatever the number of
 * roots (the kernel allows 128 per user by default; a watch service per root died at the 129th tenant). Folders are
 * registered one by one (inotify is not recursive), skipping those the root's selection never enters. When the
 * kernel refuses a watch, the root is told it is {@link WatchedRoot#unwatched unwatched}, with the limit to raise, and
 * everything else carries on.
 */
final class FolderWatch implements AutoCloseable {

    /** A folder tree whose changes someone wants. */
    interface WatchedRoot {
        Path root();

        /** Whether changes inside this folder (below the root) can matter, so it is worth a watch. */
        boolean entersFolder(Path folder);

        /** Something at {@code path} (a file or folder below the root) was created, changed or deleted. */
        void changed(Path path);

        /** Events were lost (the kernel's queue overflowed): the root must be compared with what it published. */
        void overflowed();

        /** Part of the root cannot be watched; it must find its changes by scanning. */
        void unwatched(String reason);
    }

    /** Registers one folder with the watch service; a test can stand in a kernel that refuses. */
    @FunctionalInterface
    interface Registrar {
        WatchKey register(Path folder, WatchService service) throws IOException;
    }

    private static final Logger log = LoggerFactory.getLogger(FolderWatch.class);

    private final Registrar registrar;
    private final List<WatchedRoot> roots = new CopyOnWriteArrayList<>();
    private final Map<WatchKey, Path> folders = new ConcurrentHashMap<>();
    private WatchService service;
    private String unavailable;
    private Thread thread;

    FolderWatch() {
        this((folder, service) -> folder.register(service, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY));
    }

    FolderWatch(Registrar registrar) {
        this.registrar = registrar;
        try {
            service = FileSystems.getDefault().newWatchService();
            thread = Thread.ofPlatform().name("folder-watch").daemon().start(this::run);
        } catch (IOException e) {
            unavailable = InotifyLimit.explain(e);
            log.error("cannot watch any folder: {}; every root is scanned instead", unavailable);
        }
    }

    /** Watches the root's folders; returns whether all of them could be watched (if not, the root was told why). */
    boolean watch(WatchedRoot root) {
        roots.add(root);
        if (unavailable != null) {
            root.unwatched(unavailable);
            return false;
        }
        return registerTree(root.root(), List.of(root));
    }

    /**
     * Watches {@code top} and the folders below it that a root enters. Each folder is registered before it is
     * listed: a subfolder created after the registration sends its own event, one created before it is in the
     * listing. (Walking first and registering afterwards lost a folder made in between: an editor's
     * {@code mkdir -p .specstory/history} could leave {@code history} unwatched for good.)
     */
    private boolean registerTree(Path top, List<WatchedRoot> interested) {
        Deque<Path> pending = new ArrayDeque<>(List.of(top));
        while (!pending.isEmpty()) {
            Path folder = pending.pop();
            if (interested.stream().noneMatch(root -> root.entersFolder(folder))) {
                continue; // .git, node_modules: no watch, no walk
            }
            try {
                folders.put(registrar.register(folder, service), folder);
            } catch (ClosedWatchServiceException e) {
                return false;
            } catch (IOException e) {
                if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
                    continue; // deleted meanwhile
                }
                String reason = InotifyLimit.explain(e);
                interested.forEach(root -> root.unwatched(reason));
                return false;
            }
            try (DirectoryStream<Path> children =
                    Files.newDirectoryStream(folder, child -> Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS))) {
                children.forEach(pending::push);
            } catch (IOException | DirectoryIteratorException e) {
                log.debug("cannot list the folders of {}: {}", folder, e.toString()); // its events say what happened
            }
        }
        return true;
    }

    private void run() {
        try {
            while (true) {
                WatchKey key = service.take();
                Path folder = folders.get(key);
                if (folder != null) {
                    key.pollEvents().forEach(event -> dispatch(folder, event));
                }
                if (!key.reset()) {
                    folders.remove(key);
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closing
        } catch (RuntimeException e) {
            log.error("folder watch failed; every root is scanned instead", e);
            roots.forEach(root -> root.unwatched("the folder watch failed: " + e));
        }
    }

    private void dispatch(Path folder, WatchEvent<?> event) {
        if (event.kind() == OVERFLOW) {
            roots.stream().filter(root -> folder.startsWith(root.root())).forEach(WatchedRoot::overflowed);
            return;
        }
        Path path = folder.resolve((Path) event.context());
        List<WatchedRoot> interested = rootsHolding(path);
        if (event.kind() == ENTRY_CREATE && Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            // A new folder: watch it before reading it, so a file written into it meanwhile is not missed.
            registerTree(
                    path,
                    interested.stream().filter(root -> root.entersFolder(path)).toList());
        }
        interested.forEach(root -> root.changed(path));
    }

    private List<WatchedRoot> rootsHolding(Path path) {
        return roots.stream()
                .filter(root -> path.startsWith(root.root()) && !path.equals(root.root()))
                .toList();
    }

    @Override
    public void close() {
        try {
            if (service != null) {
                service.close();
            }
        } catch (IOException e) {
            log.warn("closing the folder watch: {}", e.getMessage());
        }
        if (thread != null) {
            thread.interrupt();
        }
    }
}
