package dev.hybridrag.watcher;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * A tenant's globs, matched against paths relative to the watch root. {@code **}{@code /*.md} also matches files
 * directly in the root, as users expect (Java's glob alone would demand at least one folder).
 */
final class PathPatterns {

    private final List<PathMatcher> matchers = new ArrayList<>();
    private final List<String> globs;

    PathPatterns(List<String> globs) {
        this.globs = List.copyOf(globs);
        for (String glob : globs) {
            matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + glob));
            if (glob.startsWith("**/")) {
                matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + glob.substring(3)));
            }
        }
    }

    boolean matches(Path relative) {
        return matchers.stream().anyMatch(matcher -> matcher.matches(relative));
    }

    @Override
    public String toString() {
        return String.join(", ", globs);
    }
}
