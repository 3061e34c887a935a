package dev.hybridrag.core.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * A tenant's content as comparable lines, per table: what two tenants hold can be compared by content, never by
 * ids, versions or times that differ between two ingests of the same files. Deleted tombstones are left out.
 */
public record TenantSnapshot(Map<String, SortedSet<String>> tables, long dirtyKeys) {

    private static final Map<String, String> QUERIES = new LinkedHashMap<>();

    static {
        QUERIES.put("documents", """
                SELECT concat_ws(' | ', path, content_hash, status, chunk_count) FROM documents
                WHERE workspace = ? AND status <> 'deleted'""");
        QUERIES.put("chunks", """
                SELECT concat_ws(' | ', path, chunk_id, chunk_index, tokens, embedding_model) FROM chunks
                WHERE workspace = ?""");
        QUERIES.put("fragments", """
                SELECT concat_ws(' | ', path, chunk_id, kind, key, name, target, type, description, keywords, weight)
                FROM fragments WHERE workspace = ?""");
        QUERIES.put("entities", """
                SELECT concat_ws(' | ', key, name, type, description, weight, fragment_count,
                                 array_to_string(source_files, ','), array_to_string(source_chunks, ','))
                FROM entities WHERE workspace = ?""");
        QUERIES.put("relations", """
                SELECT concat_ws(' | ', key, source, target, keywords, description, weight, fragment_count,
                                 array_to_string(source_files, ','), array_to_string(source_chunks, ','))
                FROM relations WHERE workspace = ?""");
    }

    /** How big a tenant's graph is, and how many keys wait to be rebuilt. */
    public record Counts(long entities, long relations, long dirtyKeys) {}

    public static Counts counts(DataSource dataSource, String workspace) throws SQLException {
        String sql = """
                SELECT (SELECT count(*) FROM entities WHERE workspace = ?),
                       (SELECT count(*) FROM relations WHERE workspace = ?),
                       (SELECT count(*) FROM graph_dirty WHERE workspace = ?)""";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 1; i <= 3; i++) {
                statement.setString(i, workspace);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return new Counts(rows.getLong(1), rows.getLong(2), rows.getLong(3));
            }
        }
    }

    public static TenantSnapshot load(DataSource dataSource, String workspace) throws SQLException {
        Map<String, SortedSet<String>> tables = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection()) {
            for (Map.Entry<String, String> query : QUERIES.entrySet()) {
                SortedSet<String> lines = new TreeSet<>();
                try (PreparedStatement statement = connection.prepareStatement(query.getValue())) {
                    statement.setString(1, workspace);
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            lines.add(rows.getString(1));
                        }
                    }
                }
                tables.put(query.getKey(), lines);
            }
            return new TenantSnapshot(tables, new GraphRepository().dirtyCount(connection, workspace));
        }
    }

    /** Human-readable differences, table by table; empty when both hold the same content. */
    public List<String> differences(TenantSnapshot other, int maxLinesPerTable) {
        List<String> out = new ArrayList<>();
        for (String table : tables.keySet()) {
            SortedSet<String> mine = tables.get(table);
            SortedSet<String> theirs = other.tables.get(table);
            SortedSet<String> onlyMine = new TreeSet<>(mine);
            onlyMine.removeAll(theirs);
            SortedSet<String> onlyTheirs = new TreeSet<>(theirs);
            onlyTheirs.removeAll(mine);
            if (onlyMine.isEmpty() && onlyTheirs.isEmpty()) {
                continue;
            }
            out.add(table + ": " + mine.size() + " vs "
                    + other.tables.get(table).size() + " rows, " + onlyMine.size() + " only in the first, "
                    + onlyTheirs.size() + " only in the second");
            onlyMine.stream().limit(maxLinesPerTable).forEach(line -> out.add("  - " + line));
            onlyTheirs.stream().limit(maxLinesPerTable).forEach(line -> out.add("  + " + line));
        }
        return out;
    }

    public int rows(String table) {
        return tables.get(table).size();
    }
}
