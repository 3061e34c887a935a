package dev.hybridrag.bench;

import dev.hybridrag.core.chunk.Chunk;
import dev.hybridrag.core.chunk.ContentHash;
import dev.hybridrag.core.chunk.MarkdownChunker;
import dev.hybridrag.core.tenant.TenantConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * Whether a tenant's database describes its folder exactly: one processed document per markdown file with the file's
 * hash, the chunks the file splits into and no others, and no document for a file that is gone.
 */
public final class FolderMatch {

    private FolderMatch() {}

    /** What differs, one line per problem; empty when the database matches the folder. */
    public static List<String> differences(
            DataSource dataSource, TenantConfig tenant, Path root, MarkdownChunker chunker)
            throws IOException, SQLException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(f -> f.toString().endsWith(".md")).toList()) {
                files.put(root.relativize(file).toString().replace('\\', '/'), Files.readString(file));
            }
        }
        Map<String, String[]> documents = documents(dataSource, tenant.workspace());
        Map<String, Set<String>> chunks = chunks(dataSource, tenant.workspace());
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> file : files.entrySet()) {
            String path = file.getKey();
            String[] document = documents.remove(path);
            String hash = ContentHash.of(file.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            if (document == null) {
                problems.add(path + ": no document");
                continue;
            }
            if (!document[0].equals(hash)) {
                problems.add(path + ": stored hash " + document[0] + " is not the file's " + hash);
            }
            if (!document[1].equals("processed")) {
                problems.add(path + ": " + document[1]);
            }
            Set<String> expected = chunker.split(file.getValue()).stream()
                    .map(Chunk::id)
                    .collect(Collectors.toCollection(TreeSet::new));
            Set<String> stored = chunks.getOrDefault(path, Set.of());
            if (!expected.equals(stored)) {
                problems.add(path + ": " + stored.size() + " chunks stored, " + expected.size() + " in the file, "
                        + new TreeSet<>(stored)
                                .stream().filter(id -> !expected.contains(id)).count() + " of them not in the file");
            }
        }
        documents.forEach((path, document) -> problems.add(path + ": " + document[1] + " but the file is gone"));
        chunks.keySet().stream()
                .filter(path -> !files.containsKey(path))
                .forEach(path -> problems.add(path + ": chunks of a file that is gone"));
        return problems;
    }

    /** Path to {hash, status} of the tenant's documents, deleted tombstones left out. */
    private static Map<String, String[]> documents(DataSource dataSource, String workspace) throws SQLException {
        Map<String, String[]> documents = new HashMap<>();
        query(
                dataSource,
                workspace,
                "SELECT path, content_hash, status FROM documents WHERE workspace = ?" + " AND status <> 'deleted'",
                rows -> documents.put(rows.getString(1), new String[] {rows.getString(2), rows.getString(3)}));
        return documents;
    }

    private static Map<String, Set<String>> chunks(DataSource dataSource, String workspace) throws SQLException {
        Map<String, Set<String>> chunks = new HashMap<>();
        query(
                dataSource,
                workspace,
                "SELECT path, chunk_id FROM chunks WHERE workspace = ?",
                rows -> chunks.computeIfAbsent(rows.getString(1), path -> new TreeSet<>())
                        .add(rows.getString(2)));
        return chunks;
    }

    private interface Row {
        void accept(ResultSet rows) throws SQLException;
    }

    private static void query(DataSource dataSource, String workspace, String sql, Row row) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, workspace);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    row.accept(rows);
                }
            }
        }
    }
}
