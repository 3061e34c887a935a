package dev.hybridrag.watcher;

import dev.hybridrag.core.chunk.ContentHash;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** A file read from disk, or the reason it cannot be ingested. */
record WatchedFile(String relativePath, String content, String hash, long size, Instant mtime) {

    static WatchedFile read(Path root, Path file, long maxBytes) throws IOException, RefusedFileException {
        if (!file.toRealPath().startsWith(root.toRealPath())) {
            // A link inside the folder must not pull in (and send to a provider) a file from elsewhere.
            throw new RefusedFileException("it is a symbolic link to a file outside the watch root");
        }
        long size = Files.size(file);
        if (size > maxBytes) {
            throw new RefusedFileException("file is " + size + " bytes, over the " + maxBytes + "-byte limit");
        }
        byte[] bytes = Files.readAllBytes(file);
        String content;
        try {
            content = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new RefusedFileException("file is not UTF-8 text");
        }
        if (content.indexOf('\0') >= 0) {
            throw new RefusedFileException("file looks binary (it contains NUL bytes)");
        }
        return new WatchedFile(
                relativePath(root, file),
                content,
                ContentHash.of(bytes),
                bytes.length,
                Files.getLastModifiedTime(file).toInstant());
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
