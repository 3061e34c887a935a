package dev.hybridrag.cli;

/**
 * Multi-line input in the shell: a line ending with a backslash goes on on the next line. The backslash is dropped
 * and the lines are kept apart by a newline, so a pasted list or code block reaches the query as it was.
 */
final class Continuation {

    private Continuation() {}

    static boolean continues(String line) {
        return line.endsWith("\\");
    }

    /** The line without its continuation backslash. */
    static String strip(String line) {
        return continues(line) ? line.substring(0, line.length() - 1) : line;
    }

    /** An entry the line editor gathered over several lines, each but the last ending with a backslash. */
    static String join(String entry) {
        return entry.replace("\\\r\n", "\n").replace("\\\n", "\n");
    }
}
