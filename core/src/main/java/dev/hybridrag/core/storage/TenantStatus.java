package dev.hybridrag.core.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * What a tenant holds, as {@code hybridrag status} and {@code GET /v1/tenants/{tenant}/status} show it: documents by
 * status, chunks, entities, relations, graph keys still waiting to be rebuilt, and when a document last changed.
 */
public record TenantStatus(
        Map<String, Long> documents,
        long chunks,
        long entities,
        long relations,
        long settlingKeys,
        Optional<Instant> lastUpdate) {

    public static TenantStatus load(DataSource dataSource, String workspace) throws SQLException {
        Map<String, Long> documents = new DocumentRepository().countByStatus(dataSource, workspace);
        long chunks = new ChunkRepository().count(dataSource, workspace);
        TenantSnapshot.Counts graph = TenantSnapshot.counts(dataSource, workspace);
        return new TenantStatus(
                documents,
                chunks,
                graph.entities(),
                graph.relations(),
                graph.dirtyKeys(),
                lastUpdate(dataSource, workspace));
    }

    private static Optional<Instant> lastUpdate(DataSource dataSource, String workspace) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement =
                        connection.prepareStatement("SELECT max(updated_at) FROM documents WHERE workspace = ?")) {
            statement.setString(1, workspace);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                Timestamp last = rows.getTimestamp(1);
                return Optional.ofNullable(last).map(Timestamp::toInstant);
            }
        }
    }
}
