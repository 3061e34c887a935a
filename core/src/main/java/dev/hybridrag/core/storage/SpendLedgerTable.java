package dev.hybridrag.core.storage;

import dev.hybridrag.core.llm.LlmException;
import dev.hybridrag.core.llm.LlmException.Kind;
import dev.hybridrag.core.llm.LlmUsage;
import dev.hybridrag.core.llm.SpendLedger;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * A tenant's spend ledger in its own tables ({@code llm_usage}, one row per call): durable, and shared by every
 * process that reaches the tenant's database, which is every process of the fleet (docs/budget.md).
 */
public final class SpendLedgerTable implements SpendLedger {

    private final DataSource dataSource;
    private final String workspace;

    /** @param dataSource the tenant's, set to its workspace ({@code Infrastructure.dataSource}) */
    public SpendLedgerTable(DataSource dataSource, String workspace) {
        this.dataSource = dataSource;
        this.workspace = workspace;
    }

    @Override
    public void begin(UUID entry, Instant at, LlmUsage estimate, double usd) throws LlmException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("""
                        INSERT INTO llm_usage (workspace, id, day, at, model, kind, operation, prompt_tokens,
                                               completion_tokens, usd)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """)) {
            statement.setString(1, workspace);
            statement.setObject(2, entry);
            statement.setDate(3, Date.valueOf(LocalDate.ofInstant(at, ZoneOffset.UTC)));
            statement.setTimestamp(4, Timestamp.from(at));
            statement.setString(5, estimate.call().model());
            statement.setString(6, estimate.call().kind());
            statement.setString(7, estimate.call().operation().label());
            statement.setLong(8, estimate.promptTokens());
            statement.setLong(9, estimate.completionTokens());
            statement.setDouble(10, usd);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw unavailable("write down", e);
        }
    }

    @Override
    public void settle(UUID entry, LlmUsage billed, double usd) throws LlmException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("""
                        UPDATE llm_usage SET prompt_tokens = ?, completion_tokens = ?, usd = ?, settled = true
                        WHERE workspace = ? AND id = ?
                        """)) {
            statement.setLong(1, billed.promptTokens());
            statement.setLong(2, billed.completionTokens());
            statement.setDouble(3, usd);
            statement.setString(4, workspace);
            statement.setObject(5, entry);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw unavailable("settle", e);
        }
    }

    @Override
    public double spentUsd(LocalDate day) throws LlmException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT coalesce(sum(usd), 0) FROM llm_usage WHERE workspace = ? AND day = ?")) {
            statement.setString(1, workspace);
            statement.setDate(2, Date.valueOf(day));
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getDouble(1);
            }
        } catch (SQLException e) {
            throw unavailable("read", e);
        }
    }

    // No call is made that cannot be accounted for; the worker retries the record while PostgreSQL is away.
    private static LlmException unavailable(String what, SQLException e) {
        return new LlmException(
                Kind.REFUSED_LOCALLY,
                "could not " + what + " the tenant's LLM spend ledger: " + e.getMessage(),
                null,
                e);
    }
}
