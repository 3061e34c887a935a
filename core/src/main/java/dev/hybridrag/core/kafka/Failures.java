package dev.hybridrag.core.kafka;

import dev.hybridrag.core.llm.LlmException;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
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
