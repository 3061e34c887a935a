package dev.hybridrag.core.intake;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;

/** A file that exists but is not ingested: what the document's row records in place of its content. */
public record Refusal(String path, long size, Instant mtime, String reason) {

    /** Size and time come from the link or file itself, as far as they can be read. */
    public static Refusal of(Path file, String path, String reason) {
        long size = 0;
        Instant mtime = Instant.EPOCH;
        try {
            BasicFileAttributes attributes =
                    Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            size = attributes.size();
            mtime = attributes.lastModifiedTime().toInstant();
        } catch (IOException e) {
            // gone or unreadable: the reason says enough
        }
        return new Refusal(path, size, mtime, reason);
    }
}
