package dev.hybridrag.cli;

import java.sql.SQLException;

/** Short, user-facing descriptions of failures for command output. */
final class Errors {

    private Errors() {}

    /** SQLSTATE invalid_catalog_name: the database named in the connection does not exist. */
    private static final String NO_SUCH_DATABASE = "3D000";

    /**
     * What a user should read for a failed command: a missing database says how to create it (a deployment pointed
     * at a database nobody prepared), anything else is the exception's own message.
     */
    static String describe(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && NO_SUCH_DATABASE.equals(sql.getSQLState())) {
                return rootMessage(sql) + ": run `hybridrag backend init` first (in a compose deployment:"
                        + " `docker compose run --rm init`); it creates the database and its schema";
            }
        }
        return error.getMessage() == null ? rootMessage(error) : error.getMessage();
    }

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
