package dev.hybridrag.core.tenant;

import java.nio.file.Path;
import java.util.List;

/**
 * A folder a tenant's watcher scans, the globs (relative to it) that select files, and the globs that exclude
 * some of them again. See {@link FileSelection} for how hidden and tool folders are treated.
 */
public record WatchRoot(Path root, List<String> patterns, List<String> exclude) {

    /**
     * Every markdown file, and SpecStory's histories, which live in hidden {@code .specstory} folders and so must be
     * named to be watched.
     */
    public static final List<String> DEFAULT_PATTERNS =
            List.of("**/*.md", "**/.specstory/history/*.md", "**/.specstory/.history/*.md");

    public WatchRoot {
        if (root == null) {
            throw new IllegalArgumentException("watch root is missing");
        }
        root = root.toAbsolutePath().normalize();
        patterns = List.copyOf(patterns);
        exclude = List.copyOf(exclude);
        if (patterns.isEmpty()) {
            throw new IllegalArgumentException("watch root " + root + " has no patterns");
        }
        new FileSelection(patterns, exclude); // rejects an invalid glob now, not when the first file arrives
    }

    public WatchRoot(Path root, List<String> patterns) {
        this(root, patterns, List.of());
    }

    public FileSelection selection() {
        return new FileSelection(patterns, exclude);
    }
}
