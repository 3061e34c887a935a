package dev.hybridrag.core.extract.offline;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises technical names by their shape: packages ({@code @scope/pkg}, {@code typescript@5.8.3}), file paths,
 * code identifiers (camelCase, PascalCase, snake_case, dotted), hyphenated package names, and inline code spans.
 */
final class TechnicalNames {

    static final Pattern VERSION = Pattern.compile("[vV]?\\d+(\\.\\d+){1,3}([-+][0-9A-Za-z.]+)?");
    private static final int LONGEST = 80;
    private static final Pattern SCOPED_PACKAGE = Pattern.compile("@[a-z0-9][\\w.-]*/[a-z0-9][\\w.-]*");
    private static final Pattern PACKAGE_AT_VERSION =
            Pattern.compile("(@?[A-Za-z0-9][\\w.-]*(?:/[\\w.-]+)?)@(" + VERSION.pattern() + ")");
    private static final Pattern JS_LIBRARY = Pattern.compile("[A-Z]\\w*\\.js");
    private static final Pattern CAMEL = Pattern.compile("_*[a-z][a-z0-9]*([A-Z][a-z0-9]*)+");
    private static final Pattern PASCAL = Pattern.compile("[A-Z][a-z0-9]+([A-Z][a-z0-9]*)+");
    private static final Pattern HUMP = Pattern.compile("[A-Z][a-z]");
    private static final Pattern SNAKE = Pattern.compile("_*[A-Za-z][A-Za-z0-9]*(_[A-Za-z0-9]+)+_*");
    private static final Pattern DOTTED = Pattern.compile("[A-Za-z_$][\\w$]+(\\.[A-Za-z_$][\\w$]+)+");
    private static final Pattern HYPHENATED = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9.]+)+");
    private static final Pattern FLAG = Pattern.compile("--[a-z][a-z0-9-]+");
    private static final Pattern WORD = Pattern.compile("[A-Za-z_$][\\w$]+");
    private static final Pattern WORD_PATH = Pattern.compile("\\.?[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*");
    private static final Pattern CALL_SUFFIX = Pattern.compile("(\\(\\)|;)+$");
    private static final Set<String> DOMAINS = Set.of("com", "org", "net", "io", "dev", "ai", "co", "app", "sh");
    // PascalCase names ending so are types in code (GitService, ConfigError); other PascalCase names are products
    private static final Pattern CODE_SUFFIX = Pattern.compile(
            ".*(Service|Manager|Error|Exception|Handler|Config|Configuration|Factory|Provider|Client|Repository"
                    + "|Controller|Options|Impl|Utils?|Command|Schema|Type|Types|Interface|Props|State|Store|Context"
                    + "|Builder|Adapter|Listener|Module|Component|Test|Tests|Spec|Result|Request|Response|Params"
                    + "|Args|Record|Event|Worker|Reader|Writer|Parser|Extractor|Splitter|Info|Data|Map|List|Set"
                    + "|Backend|Db|DB|Dao|Entity|Model|View|Page|Hook|Job|Task|Mock|Stub|Fake)");

    private final Gazetteer gazetteer;
    private final CommandLines commands;
    private final Set<String> stopwords;

    TechnicalNames(Gazetteer gazetteer, CommandLines commands, Set<String> stopwords) {
        this.gazetteer = gazetteer;
        this.commands = commands;
        this.stopwords = stopwords;
    }

    /** A prose word: only shapes that ordinary English never has. Versions are placed by the sentence. */
    List<TechnicalName> ofWord(String word) {
        if (word.length() > LONGEST || word.contains("://") || stopwords.contains(word.toLowerCase(Locale.ROOT))) {
            return List.of();
        }
        Matcher pinned = PACKAGE_AT_VERSION.matcher(word);
        if (pinned.matches()) {
            String name = known(pinned.group(1));
            return List.of(
                    new TechnicalName(name, EntityType.TECHNOLOGY, 3),
                    new TechnicalName(name + " " + bare(pinned.group(2)), EntityType.VERSION, 2));
        }
        if (SCOPED_PACKAGE.matcher(word).matches()) {
            return List.of(new TechnicalName(word, EntityType.TECHNOLOGY, 3));
        }
        if (JS_LIBRARY.matcher(word).matches()) {
            return List.of(new TechnicalName(word, EntityType.TECHNOLOGY, 2));
        }
        Optional<String> file = FileNames.find(word, false);
        if (file.isPresent()) {
            return List.of(new TechnicalName(file.get(), EntityType.FILE, 2.5));
        }
        return identifier(word).map(List::of).orElse(List.of());
    }

    private Optional<TechnicalName> identifier(String word) {
        if (CAMEL.matcher(word).matches() || SNAKE.matcher(word).matches()) {
            return Optional.of(new TechnicalName(word, EntityType.IDENTIFIER, 2));
        }
        if (PASCAL.matcher(word).matches()) {
            boolean code = CODE_SUFFIX.matcher(word).matches()
                    || HUMP.matcher(word).results().count() >= 3;
            EntityType type = code ? EntityType.IDENTIFIER : EntityType.TECHNOLOGY;
            return Optional.of(new TechnicalName(word, type, 2));
        }
        if (DOTTED.matcher(word).matches() && !DOMAINS.contains(word.substring(word.lastIndexOf('.') + 1))) {
            return Optional.of(new TechnicalName(word, EntityType.IDENTIFIER, 2));
        }
        if (HYPHENATED.matcher(word).matches() && (gazetteer.knowsPartOf(word) || word.matches(".*\\d.*"))) {
            return Optional.of(new TechnicalName(word, EntityType.TECHNOLOGY, 2));
        }
        if (FLAG.matcher(word).matches()) {
            return Optional.of(new TechnicalName(word, EntityType.IDENTIFIER, 1.5));
        }
        return Optional.empty();
    }

    /** An inline code span: the backticks already say "code", so plain words and any path count. */
    List<TechnicalName> ofCode(String code) {
        String text = CALL_SUFFIX.matcher(code.strip()).replaceAll("");
        if (text.isEmpty() || text.length() > LONGEST) {
            return List.of();
        }
        if (text.length() < code.strip().length() && WORD_PATH.matcher(text).matches()) {
            // `db.getSessionByTaskId()`: a call names code, whatever its last segment looks like
            return List.of(new TechnicalName(text.replaceFirst("^\\.", ""), EntityType.IDENTIFIER, 2.5));
        }
        if (text.chars().anyMatch(Character::isWhitespace)) {
            return commands.inLine(text).stream()
                    .map(command -> new TechnicalName(command, EntityType.COMMAND, 3))
                    .toList();
        }
        Optional<Gazetteer.Entry> known = gazetteer.lookup(text);
        if (known.isPresent()) {
            return List.of(new TechnicalName(known.get().display(), known.get().type(), 3));
        }
        if (VERSION.matcher(text).matches() || stopwords.contains(text.toLowerCase(Locale.ROOT))) {
            return List.of();
        }
        if (text.startsWith("@") || PACKAGE_AT_VERSION.matcher(text).matches()) {
            return ofWord(text);
        }
        Optional<String> file = FileNames.find(text, true);
        if (file.isPresent()) {
            return List.of(new TechnicalName(file.get(), EntityType.FILE, 3));
        }
        List<TechnicalName> shaped = ofWord(text);
        if (!shaped.isEmpty()) {
            return shaped.stream()
                    .map(name -> new TechnicalName(name.name(), name.type(), Math.max(name.confidence(), 2.5)))
                    .toList();
        }
        boolean plain = WORD.matcher(text).matches() || HYPHENATED.matcher(text).matches();
        return plain ? List.of(new TechnicalName(text, EntityType.IDENTIFIER, 1.5)) : List.of();
    }

    private String known(String name) {
        return gazetteer.lookup(name).map(Gazetteer.Entry::display).orElse(name);
    }

    /** A version as named in an entity: "4.3.1", also when written "v4.3.1". */
    static String bare(String version) {
        return version.startsWith("v") || version.startsWith("V") ? version.substring(1) : version;
    }
}
