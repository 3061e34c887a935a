package dev.hybridrag.core.storage;

import dev.hybridrag.core.extract.EntityNames;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/** Looking around a tenant's graph by name: entities whose names match, and one entity with its neighbourhood. */
public final class GraphBrowser {

    /** An entity as a search lists it. */
    public record EntitySummary(String name, String type, double weight, List<String> sourceFiles) {}

    /** A relation as the neighbourhood shows it. */
    public record Edge(String source, String target, String keywords, String description, double weight) {}

    /** An entity reached from the one described, {@code depth} relations away. */
    public record Neighbour(String name, String type, int depth) {}

    /**
     * An entity with its sources and its neighbourhood: the entities up to {@code depth} relations away (at most the
     * cap, strongest relations first; {@code truncated} when more were left out) and the relations it followed to reach them.
     */
    public record EntityDetail(
            String name,
            String type,
            String description,
            double weight,
            List<String> sourceFiles,
            List<String> sourceChunks,
            List<Neighbour> neighbours,
            List<Edge> relations,
            boolean truncated) {}

    private final GraphQueries graph = new GraphQueries();

    /**
     * Entities whose names contain {@code text} (case-insensitive): exact matches first, then names starting with
     * it, then the rest, each by weight.
     */
    public List<EntitySummary> search(DataSource dataSource, String workspace, String text, int limit)
            throws SQLException {
        String needle = text.toLowerCase(Locale.ROOT);
        String sql = """
                SELECT name, type, weight, source_files FROM entities
                WHERE workspace = ? AND strpos(lower(name), ?) > 0
                ORDER BY lower(name) = ? DESC, strpos(lower(name), ?) = 1 DESC, weight DESC, key
                LIMIT ?""";
        return Sql.list(
                dataSource,
                sql,
                rows -> new EntitySummary(
                        rows.getString(1), rows.getString(2), rows.getDouble(3), strings(rows.getArray(4))),
                workspace,
                needle,
                needle,
                needle,
                limit);
    }

    /** The entity named so (names match as entity identity does: case, spacing and quotes aside). */
    public Optional<EntityDetail> describe(
            DataSource dataSource, String workspace, String name, int depth, int maxNeighbours) throws SQLException {
        String key = EntityNames.key(name);
        String sql = "SELECT name, type, description, weight, source_files, source_chunks FROM entities"
                + " WHERE workspace = ? AND key = ?";
        String displayName;
        String type;
        String description;
        double weight;
        List<String> files;
        List<String> chunks;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, workspace);
            statement.setString(2, key);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                displayName = rows.getString(1);
                type = rows.getString(2);
                description = rows.getString(3);
                weight = rows.getDouble(4);
                files = strings(rows.getArray(5));
                chunks = strings(rows.getArray(6));
            }
        }
        // Breadth first, strongest relations first, until the depth or the cap is reached.
        Map<String, Integer> depthByKey = new LinkedHashMap<>();
        Map<String, String> namesByKey = new LinkedHashMap<>();
        depthByKey.put(key, 0);
        Map<String, ScoredRelation> edges = new LinkedHashMap<>();
        Set<String> frontier = Set.of(key);
        boolean truncated = false;
        for (int level = 1; level <= depth && !frontier.isEmpty() && !truncated; level++) {
            Set<String> next = new LinkedHashSet<>();
            int cap = maxNeighbours * 4 + 1;
            List<ScoredRelation> found = graph.relationsOf(dataSource, workspace, frontier, cap);
            // At the cap, weaker relations (and the neighbours only they lead to) were left out.
            truncated = found.size() == cap;
            for (ScoredRelation relation : found) {
                for (String end : List.of(relation.sourceKey(), relation.targetKey())) {
                    if (depthByKey.containsKey(end)) {
                        continue;
                    }
                    if (depthByKey.size() > maxNeighbours) {
                        truncated = true;
                        break;
                    }
                    depthByKey.put(end, level);
                    namesByKey.put(end, end.equals(relation.sourceKey()) ? relation.source() : relation.target());
                    next.add(end);
                }
                if (depthByKey.containsKey(relation.sourceKey()) && depthByKey.containsKey(relation.targetKey())) {
                    edges.putIfAbsent(relation.key(), relation);
                }
            }
            frontier = next;
        }
        Map<String, String> types = new LinkedHashMap<>();
        graph.entities(dataSource, workspace, depthByKey.keySet()).forEach(e -> {
            types.put(e.key(), e.type());
            namesByKey.put(e.key(), e.name());
        });
        List<Neighbour> neighbours = new ArrayList<>();
        depthByKey.forEach((neighbour, level) -> {
            if (level > 0) {
                neighbours.add(new Neighbour(namesByKey.get(neighbour), types.getOrDefault(neighbour, ""), level));
            }
        });
        List<Edge> relations = edges.values().stream()
                .map(r -> new Edge(r.source(), r.target(), r.keywords(), r.description(), r.weight()))
                .toList();
        return Optional.of(new EntityDetail(
                displayName, type, description, weight, files, chunks, neighbours, relations, truncated));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
