package dev.hybridrag.core.message;

import dev.hybridrag.core.tenant.TenantId;
import java.time.Instant;

/**
 * A created, changed or deleted file, as the watcher saw it. It carries the content so workers need no shared
 * volume. {@code version} grows with every observation of the path, so a stale event can be told from a newer one.
 *
 * @param path path relative to the watch root, with forward slashes
 * @param content the file's text; empty for a delete
 */
public record FileEvent(
        String tenant,
        String path,
        FileOperation operation,
        String contentHash,
        long size,
        Instant mtime,
        long version,
        String content) {

    public FileEvent {
        requireVersion(tenant, path, operation, mtime, "a file event");
        contentHash = contentHash == null ? "" : contentHash;
        content = content == null ? "" : content;
    }

    /** What a file event and an extraction record both need to name a document version; {@code what} is the one. */
    static void requireVersion(String tenant, String path, FileOperation operation, Instant mtime, String what) {
        TenantId.of(tenant);
        if (path == null || path.isBlank() || operation == null || mtime == null) {
            throw new IllegalArgumentException(what + " needs a path, an operation and an mtime");
        }
    }

    public DocumentKey key() {
        return new DocumentKey(tenant, path);
    }
}
