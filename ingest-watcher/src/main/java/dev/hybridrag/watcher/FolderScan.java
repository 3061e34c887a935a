package dev.hybridrag.watcher;

import dev.hybridrag.core.tenant.FileSelection;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks a folder for the files a selection takes (matched relative to the folder), without following links to
 * folders (so link loops cannot trap it) and without entering folders the selection prunes (.git, node_modules).
 * A folder that cannot be read is skipped with a warning; the walk goes on.
 */
final class FolderScan {

    private static final Logger log = LoggerFactory.getLogger(FolderScan.class);

    private FolderScan() {}

    /**
     * Calls {@code candidate} with each selected path under {@code start} that is not a folder: files, links, pipes
     * alike. The selection matches paths relative to {@code root} ({@code start} or a folder above it).
     */
    static void walk(Path root, Path start, FileSelection selection, boolean recursive, Consumer<Path> candidate)
            throws IOException {
        Files.walkFileTree(start, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                if (dir.equals(start)) {
                    return FileVisitResult.CONTINUE;
                }
                return recursive && selection.entersFolder(WatchedFile.relativePath(root, dir))
                        ? FileVisitResult.CONTINUE
                        : FileVisitResult.SKIP_SUBTREE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (selection.selects(WatchedFile.relativePath(root, file))) {
                    candidate.accept(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                log.warn("cannot look into {}: {}", file, e.toString());
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
