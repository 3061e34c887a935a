package dev.hybridrag.core.metrics;

import dev.hybridrag.core.storage.DocumentStatus;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * One tenant's gauge values, read with one connection and one statement: documents by status, graph keys waiting to
 * be rebuilt, and today's spend from the spend ledger ({@code llm_usage}).
 */
record TenantReading(Map<String, Long> documents, long dirtyKeys, double spentTodayUsd) {

    private static final String SQL = """
            SELECT 'documents', status, count(*)::float8 FROM documents
             WHERE workspace = ? AND status <> 'deleted' GROUP BY status
            UNION ALL SELECT 'dirty', '', count(*)::float8 FROM graph_dirty WHERE workspace = ?
            UNION ALL SELECT 'spend', '', coalesce(sum(usd), 0)::float8 FROM llm_usage WHERE workspace = ? AND day = ?""";

    static TenantReading load(DataSource dataSource, String workspace, LocalDate today) throws SQLException {
        Map<String, Long> documents = new LinkedHashMap<>();
        for (DocumentStatus status : DocumentStatus.values()) {
            if (status != DocumentStatus.DELETED) {
                documents.put(status.label(), 0L);
            }
        }
        long dirty = 0;
        double spent = 0;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(SQL)) {
            statement.setString(1, workspace);
            statement.setString(2, workspace);
            statement.setString(3, workspace);
            statement.setDate(4, Date.valueOf(today));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    switch (rows.getString(1)) {
                        case "documents" -> documents.put(rows.getString(2), (long) rows.getDouble(3));
                        case "dirty" -> dirty = (long) rows.getDouble(3);
                        default -> spent = rows.getDouble(3);
                    }
                }
            }
        }
        return new TenantReading(documents, dirty, spent);
    }
}
