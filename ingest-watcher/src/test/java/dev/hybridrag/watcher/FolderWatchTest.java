package dev.hybridrag.watcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderWatchTest {

    @TempDir
    Path dir;

    /** Records what the watch tells one root. */
    static final class Root implements FolderWatch.WatchedRoot {
        final Path root;
        final Queue<Path> changes = new ConcurrentLinkedQueue<>();
        final Queue<String> unwatched = new ConcurrentLinkedQueue<>();

        Root(Path root) throws IOException {
            this.root = Files.createDirectories(root);
        }

        @Override
        public Path root() {
            return root;
        }

        @Override
        public boolean entersFolder(Path folder) {
            return !folder.getFileName().toString().equals("node_modules");
        }

        @Override
        public void changed(Path path) {
            changes.add(path);
        }

        @Override
        public void overflowed() {}

        @Override
        public void unwatched(String reason) {
            unwatched.add(reason);
        }
    }

    @Test
    void oneWatchServiceServesMoreRootsThanTheKernelAllowsInstances() throws IOException {
        List<Root> roots = new java.util.ArrayList<>();
        try (FolderWatch watch = new FolderWatch()) {
            for (int i = 0; i < 200; i++) {
                Root root = new Root(dir.resolve("tenant" + i));
                roots.add(root);
                assertThat(watch.watch(root)).isTrue();
            }
            Path last = Files.writeString(roots.get(199).root.resolve("note.md"), "# hello");
            Path first = Files.writeString(roots.get(0).root.resolve("note.md"), "# hello");
            await().until(() -> roots.get(199).changes.contains(last)
                    && roots.get(0).changes.contains(first));
            assertThat(roots.get(100).changes).isEmpty();
        }
    }

    @Test
    void aFolderCreatedLaterIsWatchedToo() throws IOException {
        try (FolderWatch watch = new FolderWatch()) {
            Root root = new Root(dir.resolve("notes"));
            watch.watch(root);
            Path folder = Files.createDirectories(root.root.resolve("2026"));
            await().until(() -> root.changes.contains(folder));
            Path note = Files.writeString(folder.resolve("dec.md"), "# december");
            await().until(() -> root.changes.contains(note));
        }
    }

    @Test
    void aSubfolderMadeWhileItsParentIsBeingWatchedIsWatchedToo() throws IOException {
        Root root = new Root(dir.resolve("project"));
        // `mkdir -p .specstory/history` racing the watch: history appears after the watcher saw .specstory
        // appear but before .specstory's own watch is in place, so no event will ever announce it.
        try (FolderWatch watch = new FolderWatch((folder, service) -> {
            if (folder.endsWith(".specstory")) {
                Files.createDirectories(folder.resolve("history"));
            }
            return folder.register(
                    service,
                    StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_DELETE,
                    StandardWatchEventKinds.ENTRY_MODIFY);
        })) {
            watch.watch(root);
            Path specstory = Files.createDirectory(root.root.resolve(".specstory"));
            await().until(() -> root.changes.contains(specstory));
            Path chat = specstory.resolve("history/chat.md");
            Files.writeString(chat, "# first turn");
            await().until(() -> root.changes.contains(chat));
        }
    }

    @Test
    void aRefusedWatchNamesTheLimitAndLeavesTheOtherRootsWatched() throws IOException {
        Root watched = new Root(dir.resolve("a"));
        Root refused = new Root(dir.resolve("b"));
        AtomicInteger registrations = new AtomicInteger();
        try (FolderWatch watch = new FolderWatch((folder, service) -> {
            if (folder.startsWith(refused.root)) {
                throw new IOException("User limit of inotify watches reached");
            }
            registrations.incrementAndGet();
            return folder.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
        })) {
            assertThat(watch.watch(watched)).isTrue();
            assertThat(watch.watch(refused)).isFalse();
            assertThat(refused.unwatched)
                    .singleElement()
                    .asString()
                    .contains("fs.inotify.max_user_watches")
                    .contains("sysctl");
            Path note = Files.writeString(watched.root.resolve("note.md"), "# still watched");
            await().until(() -> watched.changes.contains(note));
            assertThat(watched.unwatched).isEmpty();
        }
    }

    @Test
    void foldersTheRootNeverEntersCostNoWatch() throws IOException {
        Root root = new Root(dir.resolve("project"));
        Files.createDirectories(root.root.resolve("node_modules/a/b"));
        Files.createDirectories(root.root.resolve("docs"));
        List<Path> registered = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (FolderWatch watch = new FolderWatch((folder, service) -> {
            registered.add(folder);
            return folder.register(service, StandardWatchEventKinds.ENTRY_CREATE);
        })) {
            watch.watch(root);
            assertThat(registered).containsExactlyInAnyOrder(root.root, root.root.resolve("docs"));
        }
    }
}
