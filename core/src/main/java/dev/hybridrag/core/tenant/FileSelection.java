package dev.hybridrag.core.tenant;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.PatternSyntaxException;

/**
 * Which files under a watch root are ingested: paths (relative to the root, with {@code /}) that match an include
 * glob and no exclude glob. Hidden names (a leading dot) and tool folders such as {@code node_modules} are skipped
 * unless the include glob that matched names them itself: {@code **}{@code /*.md} does not reach into
 * {@code .git/} or {@code .specstory/}, {@code **}{@code /.specstory/history/*.md} does. {@code **}{@code /x} also
 * matches {@code x} directly in the root, as users expect (Java's glob alone would demand at least one folder).
 */
public final class FileSelection {

    /** Folders that hold tools' output or dependencies, never a user's notes. */
    public static final Set<String> IGNORED_FOLDERS =
            Set.of("node_modules", "target", "build", "dist", "venv", "__pycache__", "bower_components");

    private final List<Glob> includes = new ArrayList<>();
    private final List<Glob> excludes = new ArrayList<>();

    public FileSelection(List<String> include, List<String> exclude) {
        include.forEach(glob -> includes.add(new Glob(glob)));
        exclude.forEach(glob -> excludes.add(new Glob(glob)));
    }

    /** Whether a file, given relative to the root, is ingested. */
    public boolean selects(String relativePath) {
        Path path = Path.of(relativePath);
        if (excludes.stream().anyMatch(glob -> glob.matches(path))) {
            return false;
        }
        List<String> guarded = guardedNames(relativePath, true);
        return includes.stream().anyMatch(glob -> glob.matches(path) && glob.names(guarded));
    }

    /**
     * Whether a scan should look inside a folder (relative to the root): not when it is excluded, or hidden or
     * ignored without an include glob naming it. Only prunes; {@link #selects} decides for each file.
     */
    public boolean entersFolder(String relativeFolder) {
        if (relativeFolder.isEmpty()) {
            return true;
        }
        Path path = Path.of(relativeFolder);
        if (excludes.stream().anyMatch(glob -> glob.matchesFolder(path))) {
            return false;
        }
        List<String> guarded = guardedNames(relativeFolder, false);
        return includes.stream().anyMatch(glob -> glob.names(guarded));
    }

    private static List<String> guardedNames(String relative, boolean lastIsFile) {
        String[] names = relative.split("/");
        List<String> guarded = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            boolean folder = !lastIsFile || i < names.length - 1;
            if (names[i].startsWith(".") || (folder && IGNORED_FOLDERS.contains(names[i]))) {
                guarded.add(names[i]);
            }
        }
        return guarded;
    }

    @Override
    public String toString() {
        String text = String.join(", ", includes.stream().map(Glob::toString).toList());
        return excludes.isEmpty()
                ? text
                : text + " except "
                        + String.join(
                                ", ", excludes.stream().map(Glob::toString).toList());
    }

    /** One glob, with the segments of it that name a hidden or ignored name explicitly. */
    private static final class Glob {
        private final String text;
        private final List<PathMatcher> matchers = new ArrayList<>();
        private final List<PathMatcher> explicitNames = new ArrayList<>();

        Glob(String text) {
            this.text = text;
            try {
                matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + text));
                if (text.startsWith("**/")) {
                    matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + text.substring(3)));
                }
                for (String segment : text.split("/")) {
                    if (segment.startsWith(".") || IGNORED_FOLDERS.contains(segment)) {
                        explicitNames.add(FileSystems.getDefault().getPathMatcher("glob:" + segment));
                    }
                }
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("invalid glob '" + text + "': " + e.getDescription());
            }
        }

        boolean matches(Path path) {
            return matchers.stream().anyMatch(matcher -> matcher.matches(path));
        }

        /** A folder is excluded when the glob matches it or anything under it ({@code archive/**}). */
        boolean matchesFolder(Path folder) {
            return matches(folder) || (text.endsWith("/**") && matches(folder.resolve("x")));
        }

        /** Whether every hidden or ignored name is named by one of this glob's segments. */
        boolean names(List<String> guarded) {
            return guarded.stream()
                    .allMatch(name -> explicitNames.stream().anyMatch(matcher -> matcher.matches(Path.of(name))));
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
