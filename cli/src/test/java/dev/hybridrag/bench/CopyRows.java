package dev.hybridrag.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/** Rows streamed into one table with {@code COPY ... FROM STDIN} in PostgreSQL's text format. */
final class CopyRows implements AutoCloseable {

    private final Writer out;
    private boolean firstField = true;
    private long rows;

    CopyRows(Connection connection, String table, String columns) throws SQLException {
        PGCopyOutputStream stream = new PGCopyOutputStream(
                connection.unwrap(PGConnection.class), "COPY " + table + " (" + columns + ") FROM STDIN", 1 << 20);
        out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 20);
    }

    CopyRows text(String value) throws IOException {
        separate();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.write("\\\\");
                case '\n' -> out.write("\\n");
                case '\r' -> out.write("\\r");
                case '\t' -> out.write("\\t");
                default -> out.write(c);
            }
        }
        return this;
    }

    CopyRows number(double value) throws IOException {
        separate();
        out.write(value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value));
        return this;
    }

    CopyRows vector(float[] vector) throws IOException {
        separate();
        out.write('[');
        for (int i = 0; i < vector.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(Float.toString(vector[i]));
        }
        out.write(']');
        return this;
    }

    /** A text[] of values that need no quoting (ids and paths: no commas, quotes, braces or spaces). */
    CopyRows array(Collection<String> values) throws IOException {
        return text("{" + String.join(",", values) + "}");
    }

    void endRow() throws IOException {
        out.write('\n');
        firstField = true;
        rows++;
    }

    long rows() {
        return rows;
    }

    private void separate() throws IOException {
        if (!firstField) {
            out.write('\t');
        }
        firstField = false;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
