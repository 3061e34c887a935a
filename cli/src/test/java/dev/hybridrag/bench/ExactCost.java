package dev.hybridrag.bench;

import com.pgvector.PGvector;
import dev.hybridrag.core.embed.OfflineEmbedder;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * What an exact chunk search costs by the size of the tenant: the exact search's statement over the chunks of the
 * tenant's first documents only (a prefix of {@code size} chunks, reached through the primary key as a tenant's
 * rows are), so that rows of the real shape (text beside the vector, the vector stored out of line) are compared
 * one by one. Where this stays cheap is where HYBRIDRAG_EXACT_SEARCH_MAX_VECTORS can be.
 */
final class ExactCost {

    /** Latency percentiles of the exact search over a tenant of {@code size} chunks. */
    record Row(int size, double p50Ms, double p99Ms) {}

    private static final String SQL = """
            SELECT path, chunk_id, 1 - (embedding <=> ?::vector) AS score FROM chunks
            WHERE embedding_dim = 384 AND workspace = ? AND embedding_model = ? AND path = ANY (?)
            ORDER BY embedding <=> ?::vector LIMIT 20
            """;

    List<Row> measure(DataSource dataSource, String workspace, List<float[]> questions, List<Integer> sizes)
            throws Exception {
        List<Row> rows = new ArrayList<>();
        for (int size : sizes) {
            List<String> paths = prefix(dataSource, workspace, size);
            double[] millis = new double[questions.size()];
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement statement = connection.prepareStatement(SQL)) {
                Array documents = connection.createArrayOf("text", paths.toArray());
                for (int i = 0; i < questions.size(); i++) {
                    PGvector question = new PGvector(questions.get(i));
                    statement.setObject(1, question);
                    statement.setString(2, workspace);
                    statement.setString(3, OfflineEmbedder.MODEL);
                    statement.setArray(4, documents);
                    statement.setObject(5, question);
                    long started = System.nanoTime();
                    try (ResultSet found = statement.executeQuery()) {
                        while (found.next()) {
                            found.getDouble(3);
                        }
                    }
                    millis[i] = (System.nanoTime() - started) / 1e6;
                }
            }
            Arrays.sort(millis);
            rows.add(new Row(
                    size,
                    millis[millis.length / 2],
                    millis[(int) Math.min(millis.length - 1, Math.ceil(millis.length * 0.99) - 1)]));
            System.out.println("exact cost: " + rows.getLast());
        }
        return rows;
    }

    /** The tenant's first documents (by path) holding about {@code size} chunks together. */
    private static List<String> prefix(DataSource dataSource, String workspace, int size) throws Exception {
        Map<String, Integer> documents = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT path, count(*) FROM chunks WHERE workspace = ? GROUP BY path ORDER BY path")) {
            statement.setString(1, workspace);
            try (ResultSet rows = statement.executeQuery()) {
                int total = 0;
                while (rows.next() && total < size) {
                    documents.put(rows.getString(1), rows.getInt(2));
                    total += rows.getInt(2);
                }
            }
        }
        return List.copyOf(documents.keySet());
    }
}
