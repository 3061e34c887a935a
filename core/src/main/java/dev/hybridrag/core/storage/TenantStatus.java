package dev.hybridrag.core.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
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

    /**
     * What a tenant takes on its server: the whole database in database mode; in workspace mode its share of the
     * shared tables, estimated as the stored size of its rows (indexes not counted).
     */
    public static long sizeBytes(DataSource dataSource, String workspace, boolean ownDatabase) throws SQLException {
        List<String> tables = List.of("documents", "chunks", "fragments", "entities", "relations", "llm_cache");
        String sql = ownDatabase
                ? "SELECT pg_database_size(current_database())"
                : tables.stream()
                        .map(table -> "coalesce((SELECT sum(pg_column_size(t.*)) FROM " + table
                                + " t WHERE workspace = ?), 0)")
                        .collect(Collectors.joining(" + ", "SELECT ", ""));
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            if (!ownDatabase) {
                for (int i = 1; i <= tables.size(); i++) {
                    statement.setString(i, workspace);
                }
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** Open connections to the tenant's database, from every client (in workspace mode, shared with the others). */
    public static long connections(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()");
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static Optional<Instant> lastUpdate(DataSource dataSource, String workspace) throws SQLException {
        String sql = "SELECT max(updated_at) FROM documents WHERE workspace = ?";
        return Sql.list(
                        dataSource,
                        sql,
                        rows -> Optional.ofNullable(rows.getTimestamp(1)).map(Timestamp::toInstant),
                        workspace)
                .getFirst();
    }
}
