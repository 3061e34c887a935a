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
        TenantId.of(tenant);
        if (path == null || path.isBlank() || operation == null || mtime == null) {
            throw new IllegalArgumentException("a file event needs a path, an operation and an mtime");
        }
        contentHash = contentHash == null ? "" : contentHash;
        content = content == null ? "" : content;
    }

    public DocumentKey key() {
        return new DocumentKey(tenant, path);
    }
}
