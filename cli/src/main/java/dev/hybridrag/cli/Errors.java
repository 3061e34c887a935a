package dev.hybridrag.cli;

/** Short, user-facing descriptions of failures for command output. */
final class Errors {

    private Errors() {}

    /** The first line of the innermost cause's message: the part that says what actually went wrong. */
    static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
