package dev.hybridrag.watcher;

import dev.hybridrag.core.chunk.ContentHash;
import dev.hybridrag.core.intake.IncomingDocument;
import dev.hybridrag.core.intake.TextBytes;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;

/** A file read from disk, or the reason it cannot be ingested. */
record WatchedFile(String relativePath, String content, String hash, long size, Instant mtime) {

    static WatchedFile read(Path root, Path file, long maxBytes) throws IOException, RefusedFileException {
        return read(root, file, relativePath(root, file), maxBytes);
    }

    /**
     * Reads a file as the document {@code name}; links may not lead outside {@code boundary}.
     *
     * @throws NoSuchFileException only when the file itself is gone (a deletion, not a refusal)
     * @throws RefusedFileException when the file exists but is not ingested; the message says why
     */
    static WatchedFile read(Path boundary, Path file, String name, long maxBytes)
            throws IOException, RefusedFileException {
        Path real = realPath(file);
        if (!real.startsWith(boundary.toRealPath())) {
            // A link inside the folder must not pull in (and send to a provider) a file from elsewhere.
            throw new RefusedFileException("it is a symbolic link to a file outside the watch root");
        }
        if (!Files.isRegularFile(real)) {
            // Reading a named pipe would block the watcher forever.
            throw new RefusedFileException("it is not a regular file");
        }
        long size = Files.size(real);
        if (size > maxBytes) {
            throw new RefusedFileException("file is " + size + " bytes, over the " + maxBytes + "-byte limit");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(real);
        } catch (AccessDeniedException e) {
            throw new RefusedFileException("it cannot be read (permission denied)");
        } catch (NoSuchFileException e) {
            throw e;
        } catch (IOException e) {
            throw new RefusedFileException("it cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        String content;
        try {
            content = TextBytes.decode(bytes);
        } catch (TextBytes.NotTextException e) {
            throw new RefusedFileException(e.getMessage());
        }
        return new WatchedFile(
                name,
                content,
                ContentHash.of(bytes),
                bytes.length,
                Files.getLastModifiedTime(real).toInstant());
    }

    private static Path realPath(Path file) throws IOException, RefusedFileException {
        try {
            return file.toRealPath();
        } catch (NoSuchFileException e) {
            if (Files.isSymbolicLink(file)) {
                throw new RefusedFileException("it is a symbolic link to a file that does not exist");
            }
            throw e;
        } catch (FileSystemException e) {
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)
                    && String.valueOf(e.getReason()).contains("symbolic")) {
                throw new RefusedFileException("it is a symbolic link loop");
            }
            throw new RefusedFileException("it cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** The content as the intake takes it in. */
    IncomingDocument text() {
        return new IncomingDocument(relativePath, content, hash, size, mtime);
    }

    static String relativePath(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    /** A file that exists but will not be ingested; the message says why. */
    static final class RefusedFileException extends Exception {
        RefusedFileException(String reason) {
            super(reason);
        }
    }
}
