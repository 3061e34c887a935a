package dev.hybridrag.core.tenant;

import java.nio.file.Path;
import java.util.List;

/** A folder a tenant's watcher scans, and the globs (relative to it) that select files. */
public record WatchRoot(Path root, List<String> patterns) {

    public WatchRoot {
        if (root == null) {
            throw new IllegalArgumentException("watch root is missing");
        }
        root = root.toAbsolutePath().normalize();
        patterns = List.copyOf(patterns);
        if (patterns.isEmpty()) {
            throw new IllegalArgumentException("watch root " + root + " has no patterns");
        }
    }
}
