package dev.hybridrag.core.intake;

import dev.hybridrag.core.chunk.ContentHash;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A document's new content as a door hands it in.
 *
 * @param path the document's name: relative to the tenant's watch root with forward slashes, or absolute for a
 *     file taken from elsewhere
 * @param contentHash SHA-256 of the content's bytes as read ({@link ContentHash})
 * @param size the content's size in bytes
 */
public record IncomingDocument(String path, String content, String contentHash, long size, Instant mtime) {

    /** Text that has no file behind it (an upload, an MCP tool call): hashed and sized as UTF-8. */
    public static IncomingDocument of(String path, String content, Instant mtime) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return new IncomingDocument(path, content, ContentHash.of(bytes), bytes.length, mtime);
    }
}
