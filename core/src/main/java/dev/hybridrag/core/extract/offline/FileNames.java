package dev.hybridrag.core.extract.offline;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Recognises file names and paths ({@code src/cli.ts}, {@code ./hybridrag}, {@code README.md}). In prose a slash
 * alone is not enough ("and/or", "TCP/IP"): the path must have a known extension, an explicit root, several
 * segments or a well-known top directory.
 */
final class FileNames {

    private static final Set<String> EXTENSIONS = WordList.of(
            "ts tsx js jsx mjs cjs json jsonc md mdc mdx txt rst adoc java kt kts scala groovy gradle py pyi "
                    + "ipynb rb go rs c h cc cpp hpp cs swift m php pl lua sh bash zsh fish ps1 bat sql yml yaml toml "
                    + "ini cfg conf properties env xml html htm css scss less svg png jpg jpeg gif pdf csv tsv log lock "
                    + "jar war class bin onnx zip gz tgz tar dockerfile proto avsc graphql vue svelte astro "
                    + "code-workspace mod sum");
    private static final Set<String> PLAIN_FILES = WordList.of(
            "Dockerfile Makefile README LICENSE CHANGELOG Jenkinsfile Procfile Gemfile Vagrantfile CODEOWNERS");
    private static final Set<String> TOP_DIRECTORIES =
            WordList.of("src lib test tests spec docs doc bin dist build target out packages scripts app apps config "
                    + "public node_modules process tmp home usr etc var opt .cursor .github .specstory .vscode compose "
                    + "core cli");
    private static final Pattern LINE_REFERENCE = Pattern.compile("(:\\d+)+$");
    private static final Pattern RELATIVE_START = Pattern.compile("^(\\.{1,2}/)+(?=.)");
    private static final Pattern SEGMENT = Pattern.compile("[\\w.@~+$*-]+");
    private static final Set<String> DOTFILES =
            WordList.of(".gitignore .gitattributes .gitmodules .env .npmrc .nvmrc .editorconfig .prettierrc .eslintrc "
                    + ".dockerignore .bashrc .zshrc .profile .cursorrules .cursorignore .cursorindexingignore "
                    + ".specstory .cursor .github .vscode .idea .husky .mvn .git");
    // without a directory, "console.log" and "process.env" are code, not files
    private static final Set<String> CODE_LIKE_EXTENSIONS = WordList.of("log env class sum mod m h c");
    private static final Pattern ACRONYM_PAIR = Pattern.compile("[A-Z0-9]{1,4}(/[A-Z0-9]{1,4})+");

    private FileNames() {}

    /** The file name in {@code word}, without a trailing {@code :line:column}; {@code inCode} relaxes the rules. */
    static Optional<String> find(String word, boolean inCode) {
        String name = LINE_REFERENCE.matcher(word).replaceAll("");
        if (name.length() < 3 || name.contains("://") || name.chars().anyMatch(Character::isWhitespace)) {
            return Optional.empty();
        }
        if (!name.contains("/")) {
            return isFileName(name) ? Optional.of(name) : Optional.empty();
        }
        // "./hybridrag" and "../../src/cli.ts" are named from where they lead: "hybridrag", "src/cli.ts"
        return isPath(name, inCode)
                ? Optional.of(RELATIVE_START.matcher(stripTrailingSlash(name)).replaceFirst(""))
                : Optional.empty();
    }

    private static boolean isFileName(String name) {
        int dot = name.lastIndexOf('.');
        boolean codeLike = CODE_LIKE_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
        return (hasExtension(name) && !codeLike)
                || PLAIN_FILES.contains(name)
                || DOTFILES.contains(name.toLowerCase(Locale.ROOT))
                || name.startsWith(".env.");
    }

    private static boolean isPath(String path, boolean inCode) {
        if (ACRONYM_PAIR.matcher(path).matches()) {
            return false;
        }
        String[] segments =
                stripTrailingSlash(path).replaceFirst("^(~|\\.{1,2})?/", "").split("/");
        for (String segment : segments) {
            if (!SEGMENT.matcher(segment).matches()) {
                return false;
            }
        }
        String last = segments[segments.length - 1];
        return inCode
                || path.startsWith("/")
                || path.startsWith("./")
                || path.startsWith("../")
                || path.startsWith("~/")
                || hasExtension(last)
                || (segments.length >= 3 && Arrays.stream(segments).anyMatch(s -> s.matches(".*[\\d._].*")))
                || TOP_DIRECTORIES.contains(segments[0].toLowerCase(Locale.ROOT));
    }

    private static boolean hasExtension(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0
                && dot < name.length() - 1
                && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static String stripTrailingSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
