package dev.hybridrag.core.extract.offline;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Tells code from prose where markdown does not. The chunker cuts an oversized code block by lines, so a chunk may
 * begin inside a fence, and diffs or test output would be read as sentences: thousands of junk names.
 */
final class CodeLines {

    static final Pattern FENCE = Pattern.compile("^\\s*(`{3,}|~{3,})\\s*([\\w+-]*).*");
    private static final Pattern NUMBERED = Pattern.compile("^\\s*\\d+\\s*\\|.*");
    private static final Pattern DIFF = Pattern.compile("^(\\+.*|-\\s{2,}.*|[+-])$");
    private static final Pattern STATEMENT_END = Pattern.compile(".*(;|\\{|}|=>|\\),)\\s*$");
    private static final Pattern STATEMENT_START = Pattern.compile(
            "^\\s*(import |export |const |let |var |function |return |await |async |if \\(|for \\(|} |//|/\\*|\\*/"
                    + "|#!|@@ |\\$ |\\}|\\)).*");
    // terminal output pasted without a fence: stack frames, test results, carets under errors
    private static final Pattern TERMINAL =
            Pattern.compile("^\\s*(at\\s+\\S*\\s*\\(.*|at\\s+/.*|\\^.*|[✓✗✔✘×❯➜].*|(Expected|Received)\\b.*"
                    + "|\\d+\\s+(pass|fail|tests?|errors?|expect\\(\\) calls)\\b.*|Ran \\d+ tests?.*|(error|warning):.*"
                    + "|[A-Z]\\w*(Error|Exception)\\b.*"
                    // git log --graph: a commit hash after the graph's rails, or only rails
                    + "|[|*\\\\/ ]*(?=[0-9a-f]*\\d)[0-9a-f]{7,40}\\b.*|[|*\\\\/_ ]+)");
    private static final String SYMBOLS = "{}()[];=<>&|$\"'\\";

    private CodeLines() {}

    static boolean looksLikeCode(String line) {
        String stripped = line.strip();
        if (NUMBERED.matcher(line).matches()
                || DIFF.matcher(line).matches()
                || TERMINAL.matcher(line).matches()
                || STATEMENT_START.matcher(line).matches()
                || STATEMENT_END.matcher(stripped).matches()) {
            return true;
        }
        long symbols = stripped.chars().filter(c -> SYMBOLS.indexOf(c) >= 0).count();
        return stripped.length() >= 20 && symbols * 8 > stripped.length();
    }

    /**
     * Whether the text starts inside a code block. Opening fences often name a language and closing ones never
     * do, so the first two fences usually tell; otherwise the lines before the first fence decide.
     */
    static boolean startsInsideFence(List<String> lines) {
        int first = -1;
        for (int i = 0; i < lines.size(); i++) {
            var fence = FENCE.matcher(lines.get(i));
            if (!fence.matches()) {
                continue;
            }
            if (first >= 0) {
                return !fence.group(2).isEmpty();
            }
            if (!fence.group(2).isEmpty()) {
                return false;
            }
            first = i;
        }
        if (first < 0) {
            return false;
        }
        long written =
                lines.subList(0, first).stream().filter(l -> !l.isBlank()).count();
        long code = lines.subList(0, first).stream()
                .filter(l -> !l.isBlank() && looksLikeCode(l))
                .count();
        return written > 0 && code * 2 >= written;
    }

    /** Whether the text starts inside a {@code <details>} body: its first details tag closes one. */
    static boolean startsInsideDetails(List<String> lines) {
        for (String line : lines) {
            int open = line.indexOf("<details");
            int close = line.indexOf("</details>");
            if (open >= 0 || close >= 0) {
                return close >= 0 && (open < 0 || close < open);
            }
        }
        return false;
    }
}
