package dev.hybridrag.core.storage;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;

/** A tenant's recorded LLM and embedding usage since a time, grouped by one column of the spend ledger. */
public final class SpendReport {

    /** What usage can be grouped by, and the ledger expression each one reads. */
    public enum Grouping {
        TENANT("workspace"),
        MODEL("model"),
        OPERATION("operation"),
        DAY("day::text");

        private final String expression;

        Grouping(String expression) {
            this.expression = expression;
        }

        public static Grouping of(String name) {
            try {
                return valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--by must be tenant, model, operation or day, not '" + name + "'");
            }
        }
    }

    /** Calls, tokens and estimated USD of one group. */
    public record Row(String key, long calls, long promptTokens, long completionTokens, double usd) {

        public long totalTokens() {
            return promptTokens + completionTokens;
        }

        public Row plus(Row other) {
            return new Row(
                    key,
                    calls + other.calls,
                    promptTokens + other.promptTokens,
                    completionTokens + other.completionTokens,
                    usd + other.usd);
        }
    }

    private SpendReport() {}

    /** Calls that failed (and cost nothing) are not counted. */
    public static List<Row> load(DataSource dataSource, String workspace, Instant since, Grouping by)
            throws SQLException {
        // The expression comes from the enum above: nothing here is user text.
        String sql = "SELECT " + by.expression + ", count(*), sum(prompt_tokens), sum(completion_tokens), sum(usd)"
                + " FROM llm_usage WHERE workspace = ? AND at >= ? AND prompt_tokens + completion_tokens > 0"
                + " GROUP BY 1 ORDER BY 1";
        return Sql.list(
                dataSource,
                sql,
                result -> new Row(
                        result.getString(1),
                        result.getLong(2),
                        result.getLong(3),
                        result.getLong(4),
                        result.getDouble(5)),
                workspace,
                since);
    }

    /** Adds {@code rows} into {@code totals} by key (groups of several tenants). */
    public static void addInto(Map<String, Row> totals, List<Row> rows) {
        rows.forEach(row -> totals.merge(row.key(), row, Row::plus));
    }
}
