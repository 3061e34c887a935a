package dev.hybridrag.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The units of a passage an offline answer may quote: sentences of prose, and whole list items, table rows and
 * headings (a table row or a heading is a statement of its own, and often the one naming the thing asked about), and
 * commands of shell blocks. Markup is taken off; code, HTML and SpecStory's boilerplate (the title line, speaker
 * lines, tool-call lines such as "Read file:") are left out. A diff's added lines are read as the text they add.
 */
final class AnswerSentences {

    static final int MIN_CHARS = 25;
    static final int MAX_CHARS = 300;
    // A command is short and still says a lot: `bun init -y`.
    private static final int MIN_COMMAND_CHARS = 8;
    private static final int MAX_COMMAND_CHARS = 100;
    private static final int MIN_WORDS = 3;
    private static final Pattern WORDS = Pattern.compile("(?<!\\S)\\S*\\p{L}\\S*");
    private static final Pattern SCRIPT = Pattern.compile("[;|]|^(for|while|if|do|done|then|fi|echo)\\b");

    // List markers and a task list's checkbox, bold, and a table row's closing bar.
    private static final Pattern MARKUP =
            Pattern.compile("^[\\s>#*+|-]*(\\d+[.)]\\s+)?(\\[[ xX]]\\s+)?|\\*\\*|\\s*\\|\\s*$");
    // Source code and log output that lost their fence (a chunk can start inside a code block).
    private static final Pattern CODE =
            Pattern.compile("^[.}]|[;{(,]$|=>|\\w\\(['\"]|^[0-9a-f]{7,40}\\s|:\\d+:\\d+\\)?$|\\\\n.*\\\\n");
    private static final Pattern BOILERPLATE =
            Pattern.compile("<.*|.*_\\*\\*.*|-{3,}|\\|\\s*`?file://.*|#+ .*\\(\\d{4}-\\d\\d-\\d\\d[ \\d:]*\\)"
                    + "|(Read file|Searched (codebase|files|web)|Listed (current )?directory|Grep search|Could not (find|resolve|"
                    + "determine|apply)|Model provided|Cancelled|Tool use)\\b.*");
    private static final Pattern PROMPT = Pattern.compile("^(\\S*[$%#]|>)\\s+");
    private static final Set<String> SHELLS = Set.of("bash", "sh", "shell", "zsh", "console", "shell-session");

    private AnswerSentences() {}

    /**
     * A unit and whether it is the sentence right after the previous unit in the same paragraph (an answer may quote
     * the two together).
     */
    record Unit(String text, boolean follows) {}

    static List<Unit> of(String passage) {
        Units units = new Units();
        AnswerBlock block = new AnswerBlock(units::add);
        String[] lines = passage.split("\n");
        String fence = startsInCode(lines) ? "" : null;
        for (String raw : lines) {
            String line = raw.strip();
            // A diff's own lines may show fences of the file it changes ("+ ```bash"): only one in column 0 ends it.
            boolean closesDiff = "diff".equals(fence) && raw.startsWith("```");
            if (closesDiff || (line.startsWith("```") && !"diff".equals(fence))) {
                block.end();
                fence = fence == null ? line.substring(3).strip().toLowerCase(Locale.ROOT) : null;
            } else if (fence != null) {
                fenced(fence, line, block, units);
            } else if (BOILERPLATE.matcher(line).matches()) {
                block.end();
            } else {
                block.line(line);
            }
        }
        block.end();
        return units.kept;
    }

    /**
     * Whether the passage begins inside a code block (a chunk may start in the middle of a long diff): then its first
     * fence with a language, which can only open a block, comes after an odd number of fences.
     */
    private static boolean startsInCode(String[] lines) {
        int fences = 0;
        for (String line : lines) {
            if (line.startsWith("```")) {
                if (line.strip().length() > 3) {
                    return fences % 2 == 1;
                }
                fences++;
            }
        }
        return false;
    }

    /** Inside a code block only a diff's added lines (text) and a shell block's commands are read. */
    private static void fenced(String language, String line, AnswerBlock block, Units units) {
        if (language.equals("diff") && line.startsWith("+") && !line.startsWith("+++")) {
            block.line(line.substring(1).strip());
        } else if (language.equals("diff")) {
            block.end();
        } else if (SHELLS.contains(language) && !line.startsWith("#") && !line.isEmpty()) {
            String command = PROMPT.matcher(line).replaceFirst("");
            // One command, not a script: a loop or a pipeline is no answer to read.
            if (command.length() >= MIN_COMMAND_CHARS
                    && command.length() <= MAX_COMMAND_CHARS
                    && !SCRIPT.matcher(command).find()) {
                units.command("`" + command + "`");
            }
        }
    }

    static String clean(String piece) {
        return MARKUP.matcher(piece).replaceAll("").replaceAll("\\s+", " ").strip();
    }

    /** The units kept so far; a sentence follows the previous one only when nothing between them was left out. */
    private static final class Units {
        private final List<Unit> kept = new ArrayList<>();
        private boolean dropped;

        void add(String raw, boolean follows) {
            String unit = cut(clean(raw), MAX_CHARS);
            // A question (the user's, usually) restates what was asked, and a line ending in a colon only
            // introduces what follows (its list is a unit of its own): neither answers anything.
            boolean quotable = unit.length() >= MIN_CHARS
                    && !unit.endsWith("?")
                    && !unit.endsWith(":")
                    && WORDS.matcher(unit).results().count() >= MIN_WORDS
                    && prose(unit)
                    && !CODE.matcher(unit).find()
                    && kept.stream().noneMatch(k -> k.text().equals(unit));
            if (quotable) {
                kept.add(new Unit(unit, follows && !dropped && !kept.isEmpty()));
            }
            dropped = !quotable;
        }

        void command(String command) {
            if (kept.stream().noneMatch(k -> k.text().equals(command))) {
                kept.add(new Unit(command, false));
            }
            dropped = false;
        }
    }

    // Mostly letters, digits and spaces: prose, a row or a command, not a stack trace or a line of symbols.
    private static boolean prose(String unit) {
        long plain = unit.chars()
                .filter(c -> Character.isLetterOrDigit(c) || c == ' ')
                .count();
        return plain * 10 >= unit.length() * 7L;
    }

    /** The text as it is when it fits in {@code max} characters; else cut at a word where one is near, with "…". */
    static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int space = text.lastIndexOf(' ', max - 1);
        return text.substring(0, space > max / 2 ? space : max - 1) + "…";
    }
}
