package dev.hybridrag.core.storage;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * One tenant's rows as a portable archive: a zip with one CSV per table (PostgreSQL's own COPY format, vectors as
 * text) and a manifest of row counts. The same archive restores into either isolation mode, on any server, under
 * any tenant id: it is how {@code tenant backup}, {@code restore} and {@code move} work, whatever the mode.
 */
public final class TenantArchive {

    /** Every table holding a tenant's rows, in an order that restores cleanly. */
    public static final List<String> TABLES =
            List.of("documents", "chunks", "fragments", "llm_cache", "entities", "relations", "graph_dirty");

    private static final String MANIFEST = "manifest.properties";
    private static final String FORMAT = "hybridrag-tenant-archive-1";

    private TenantArchive() {}

    /** @return rows written per table */
    public static Map<String, Long> export(DataSource dataSource, String workspace, OutputStream out)
            throws SQLException, IOException {
        Map<String, Long> counts = new LinkedHashMap<>();
        ZipOutputStream zip = new ZipOutputStream(out);
        try (Connection connection = dataSource.getConnection()) {
            // One snapshot for the counts and all tables, so the archive is consistent while the pipeline writes.
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            counts.putAll(counts(connection, workspace));
            // The manifest goes first, so a restore can check each table as soon as it is loaded.
            Properties manifest = new Properties();
            manifest.setProperty("format", FORMAT);
            manifest.setProperty("workspace", workspace);
            counts.forEach((table, rows) -> manifest.setProperty("rows." + table, Long.toString(rows)));
            zip.putNextEntry(new ZipEntry(MANIFEST));
            manifest.store(zip, "hybridrag tenant archive");
            zip.closeEntry();
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            for (String table : TABLES) {
                zip.putNextEntry(new ZipEntry(table + ".csv"));
                String columns = String.join(", ", columns(connection, table));
                String sql = "COPY (SELECT " + columns + " FROM " + table + " WHERE workspace = "
                        + literal(connection, workspace) + ") TO STDOUT WITH (FORMAT csv, HEADER true)";
                copy.copyOut(sql, zip);
                zip.closeEntry();
            }
            connection.commit();
        }
        zip.finish();
        return counts;
    }

    /**
     * Replaces the tenant's rows with the archive's, in one transaction, under {@code workspace} whatever the
     * archive's was; then checks every table's row count against the manifest. The archive is streamed, never held
     * in memory whole.
     *
     * @return rows restored per table
     * @throws IOException when the archive is not one of ours or its counts do not match (nothing is changed)
     */
    public static Map<String, Long> restore(DataSource dataSource, String workspace, InputStream in)
            throws SQLException, IOException {
        Map<String, Long> counts = new LinkedHashMap<>();
        Properties manifest = new Properties();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
                for (String table : TABLES.reversed()) {
                    delete(connection, table, workspace);
                }
                // The restored vectors may be in another model: the indexer records theirs anew (docs/embeddings.md).
                for (String table : List.of("reembed_vectors", "embedding_state")) {
                    delete(connection, table, workspace);
                }
                ZipInputStream zip = new ZipInputStream(in);
                ZipEntry first = zip.getNextEntry();
                if (first == null || !first.getName().equals(MANIFEST)) {
                    throw new IOException("not a hybridrag tenant archive (it does not start with its manifest)");
                }
                manifest.load(zip);
                if (!FORMAT.equals(manifest.getProperty("format"))) {
                    throw new IOException("not a hybridrag tenant archive (format " + manifest.getProperty("format")
                            + ", expected " + FORMAT + ")");
                }
                for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                    String table = entry.getName().replaceFirst("\\.csv$", "");
                    if (!TABLES.contains(table) || !entry.getName().endsWith(".csv")) {
                        throw new IOException("not a hybridrag tenant archive: unexpected entry " + entry.getName());
                    }
                    long rows = load(connection, copy, table, workspace, zip);
                    long expected = Long.parseLong(manifest.getProperty("rows." + table, "-1"));
                    if (rows != expected) {
                        throw new IOException(table + ": the archive holds " + rows + " rows, its manifest says "
                                + expected + "; nothing was changed");
                    }
                    counts.put(table, rows);
                }
                if (!counts.keySet().containsAll(TABLES)) {
                    throw new IOException("the archive lacks tables; nothing was changed");
                }
                connection.commit();
            } catch (SQLException | IOException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
        return counts;
    }

    /** Row counts of the tenant's tables, to compare a source with its copy. */
    public static Map<String, Long> counts(DataSource dataSource, String workspace) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return counts(connection, workspace);
        }
    }

    private static Map<String, Long> counts(Connection connection, String workspace) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : TABLES) {
            try (PreparedStatement statement =
                    connection.prepareStatement("SELECT count(*) FROM " + table + " WHERE workspace = ?")) {
                statement.setString(1, workspace);
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    counts.put(table, rows.getLong(1));
                }
            }
        }
        return counts;
    }

    // Through a staging copy of the table, so the archived workspace column can be replaced by the target's.
    private static long load(Connection connection, CopyManager copy, String table, String workspace, InputStream csv)
            throws SQLException, IOException {
        String header = headerLine(csv);
        List<String> columns = columns(connection, table);
        for (String column : header.split(",")) {
            if (!columns.contains(column)) {
                throw new IOException(table + ".csv has a column this schema lacks: " + column);
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TEMP TABLE staging (LIKE " + table + " INCLUDING DEFAULTS) ON COMMIT DROP");
        }
        InputStream rest = new FilterInputStream(csv) {
            @Override
            public void close() {
                // the zip's next entry follows: leave it open
            }
        };
        long rows = copy.copyIn("COPY staging (" + header + ") FROM STDIN WITH (FORMAT csv)", rest);
        try (PreparedStatement update = connection.prepareStatement("UPDATE staging SET workspace = ?");
                Statement statement = connection.createStatement()) {
            update.setString(1, workspace);
            update.executeUpdate();
            statement.execute("INSERT INTO " + table + " SELECT * FROM staging");
            statement.execute("DROP TABLE staging");
        }
        return rows;
    }

    /** The CSV's first line (column names, which never need quoting), read byte by byte to leave the rest. */
    private static String headerLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
            line.write(b);
        }
        String header = line.toString(StandardCharsets.UTF_8).strip();
        if (!header.matches("[a-z_]+(,[a-z_]+)*")) {
            throw new IOException("not a hybridrag tenant archive: bad CSV header");
        }
        return header;
    }

    private static void delete(Connection connection, String table, String workspace) throws SQLException {
        try (PreparedStatement statement =
                connection.prepareStatement("DELETE FROM " + table + " WHERE workspace = ?")) {
            statement.setString(1, workspace);
            statement.executeUpdate();
        }
    }

    private static List<String> columns(Connection connection, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT column_name FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position""")) {
            statement.setString(1, table);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    columns.add(rows.getString(1));
                }
            }
        }
        return columns;
    }

    // COPY (query) takes no bind parameters: the server quotes the workspace as a literal.
    private static String literal(Connection connection, String text) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT quote_literal(?)")) {
            statement.setString(1, text);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }
}
