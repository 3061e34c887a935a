package dev.hybridrag.cli.monitor;

import dev.hybridrag.core.storage.TenantStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;

/**
 * A tenant's line on the monitor: what it holds, how fast documents are landing, and its LLM spend today.
 *
 * @param processedLastMinute documents that became processed in the last minute (the ingest rate)
 * @param settlingKeys graph keys still waiting to be rebuilt
 * @param spentTodayUsd estimated spend today (UTC), fleet-wide, from the spend ledger
 * @param budgetUsd the daily budget, 0 for none
 */
record TenantActivity(
        String tenant,
        Map<String, Long> documents,
        long chunks,
        long entities,
        long relations,
        long processedLastMinute,
        long settlingKeys,
        double spentTodayUsd,
        double budgetUsd) {

    static TenantActivity load(String tenant, DataSource dataSource, String workspace, double spent, double budget)
            throws SQLException {
        TenantStatus status = TenantStatus.load(dataSource, workspace);
        return new TenantActivity(
                tenant,
                status.documents(),
                status.chunks(),
                status.entities(),
                status.relations(),
                processedLastMinute(dataSource, workspace),
                status.settlingKeys(),
                spent,
                budget);
    }

    private static long processedLastMinute(DataSource dataSource, String workspace) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("""
                        SELECT count(*) FROM documents
                        WHERE workspace = ? AND status = 'processed' AND updated_at > now() - interval '1 minute'""")) {
            statement.setString(1, workspace);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
