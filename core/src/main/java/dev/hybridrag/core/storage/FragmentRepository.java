package dev.hybridrag.core.storage;

import dev.hybridrag.core.extract.EntityNames;
import dev.hybridrag.core.message.EntityMention;
import dev.hybridrag.core.message.RelationMention;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The {@code fragments} table: one row per entity or relation mention in a chunk. */
public final class FragmentRepository {

    /** Deletes the fragments of these chunks of a document; returns the graph keys they contributed to. */
    public Set<GraphKey> deleteForChunks(
            Connection connection, String workspace, String path, Collection<String> chunkIds) throws SQLException {
        Set<GraphKey> touched = new HashSet<>();
        if (chunkIds.isEmpty()) {
            return touched;
        }
        String sql =
                "DELETE FROM fragments WHERE workspace = ? AND path = ? AND chunk_id = ANY (?) RETURNING kind, key";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, workspace);
            statement.setString(2, path);
            statement.setArray(3, connection.createArrayOf("text", chunkIds.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    touched.add(new GraphKey(GraphKey.Kind.fromLabel(rows.getString(1)), rows.getString(2)));
                }
            }
        }
        return touched;
    }

    /**
     * Inserts the mentions of a document's chunks; returns the graph keys they contribute to. Mentions whose names
     * normalise to nothing, and relations of an entity to itself, are skipped.
     */
    public Set<GraphKey> insert(
            Connection connection,
            String workspace,
            String path,
            List<EntityMention> entities,
            List<RelationMention> relations)
            throws SQLException {
        Set<GraphKey> touched = new HashSet<>();
        String sql = """
                INSERT INTO fragments (workspace, path, chunk_id, kind, key, name, target, type, description,
                                       keywords, weight)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (workspace, path, chunk_id, kind, key) DO UPDATE SET
                    name = EXCLUDED.name, target = EXCLUDED.target, type = EXCLUDED.type,
                    description = EXCLUDED.description, keywords = EXCLUDED.keywords, weight = EXCLUDED.weight
                """;
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (EntityMention entity : entities) {
                GraphKey key = GraphKey.entity(entity.name());
                if (key.key().isEmpty()) {
                    continue;
                }
                bind(
                        statement,
                        workspace,
                        path,
                        entity.chunkId(),
                        key,
                        EntityNames.display(entity.name()),
                        "",
                        entity.type(),
                        entity.description(),
                        "",
                        1.0);
                touched.add(key);
            }
            for (RelationMention relation : relations) {
                GraphKey key = GraphKey.relation(relation.source(), relation.target());
                String source = EntityNames.key(relation.source());
                String target = EntityNames.key(relation.target());
                if (source.isEmpty() || target.isEmpty() || source.equals(target)) {
                    continue;
                }
                bind(
                        statement,
                        workspace,
                        path,
                        relation.chunkId(),
                        key,
                        EntityNames.display(relation.source()),
                        EntityNames.display(relation.target()),
                        "",
                        relation.description(),
                        relation.keywords(),
                        relation.weight());
                touched.add(key);
            }
            statement.executeBatch();
        }
        return touched;
    }

    // PostgreSQL text cannot hold NUL, and model output is not to be trusted to be short.
    private static String clean(String text, int maxLength) {
        if (text == null) {
            return "";
        }
        String withoutNul = text.replace("\0", "");
        return withoutNul.length() > maxLength ? withoutNul.substring(0, maxLength) : withoutNul;
    }

    private static void bind(
            PreparedStatement statement,
            String workspace,
            String path,
            String chunkId,
            GraphKey key,
            String name,
            String target,
            String type,
            String description,
            String keywords,
            double weight)
            throws SQLException {
        statement.setString(1, workspace);
        statement.setString(2, path);
        statement.setString(3, chunkId);
        statement.setString(4, key.kind().label());
        statement.setString(5, key.key());
        statement.setString(6, name);
        statement.setString(7, target);
        statement.setString(8, clean(type, 100));
        statement.setString(9, clean(description, 20_000));
        statement.setString(10, clean(keywords, 2_000));
        statement.setDouble(11, weight);
        statement.addBatch();
    }
}
