package dev.hybridrag.core.kafka;

import dev.hybridrag.core.llm.LlmException;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLTransientException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.errors.RetriableException;

/** Sorts failures into transient (retry as long as they last) and the rest. */
public final class Failures {

    private Failures() {}

    public static boolean isTransient(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientException
                    || cause instanceof SQLRecoverableException
                    || cause instanceof RetriableException
                    || cause instanceof TimeoutException
                    || cause instanceof IOException) {
                return true;
            }
            if (cause instanceof SQLException sql && transientSqlState(sql.getSQLState())) {
                return true;
            }
            if (cause instanceof LlmException llm) {
                return llm.retryable() || llm.kind() == LlmException.Kind.REFUSED_LOCALLY;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /**
     * PostgreSQL unreachable, out of connections, shutting down, or this process's connection cap full for longer
     * than the wait: nothing is wrong with the request, and the same one may succeed shortly.
     */
    public static boolean isDatabaseUnavailable(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql
                    && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08")
                            || sql.getSQLState().startsWith("53")
                            || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    // Connection problems, serialization failures and deadlocks, too many connections, shutdowns, system errors.
    private static boolean transientSqlState(String state) {
        return state != null
                && (state.startsWith("08")
                        || state.startsWith("40")
                        || state.startsWith("53")
                        || state.startsWith("57")
                        || state.startsWith("58"));
    }
}
