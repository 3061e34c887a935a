package dev.hybridrag.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hybridrag.core.testing.TestPostgres;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** backup, restore and move: a tenant's rows survive the trip to another database and another id, unchanged. */
class TenantArchiveIT {

    private TestPostgres source;
    private TestPostgres target;
    private final Databases databases = new Databases(2);

    @BeforeEach
    void seed() throws Exception {
        source = new TestPostgres();
        target = new TestPostgres();
        try (Connection connection = source.connect();
                Statement sql = connection.createStatement()) {
            SchemaMigrator.migrate(databases.dataSource(source.settings()));
            for (String workspace : new String[] {"team_a", "team_b"}) {
                sql.execute("INSERT INTO documents (workspace, path, content_hash, size_bytes, mtime, version, status)"
                        + " VALUES ('" + workspace + "', 'notes/a.md', 'h1', 10, now(), 7, 'processed')");
                sql.execute("INSERT INTO chunks (workspace, path, chunk_id, chunk_index, content, tokens,"
                        + " embedding_model, embedding_dim, embedding) VALUES ('" + workspace + "', 'notes/a.md', 'c1',"
                        + " 0, 'Kafka, \"quoted\", and a comma\nand a newline', 9, 'm', 3, '[0.1,0.2,0.3]')");
                sql.execute("INSERT INTO fragments (workspace, path, chunk_id, kind, key, name, description) VALUES ('"
                        + workspace + "', 'notes/a.md', 'c1', 'entity', 'kafka', 'Kafka', 'an event log')");
                sql.execute("INSERT INTO llm_cache (workspace, cache_key, extractor, result) VALUES ('" + workspace
                        + "', 'k1', 'x', '{\"entities\": []}')");
            }
            sql.execute("INSERT INTO entities (workspace, key, name, type, description, weight, fragment_count,"
                    + " source_chunks, source_files, embedded_hash, embedding_model, embedding_dim, embedding) VALUES"
                    + " ('team_a', 'kafka', 'Kafka', 'technology', 'an event log', 1, 1, ARRAY['c1'],"
                    + " ARRAY['notes/a.md'], 'h', 'm', 3, '[0.3,0.2,0.1]')");
        }
        SchemaMigrator.migrate(databases.dataSource(target.settings()));
    }

    @AfterEach
    void drop() throws Exception {
        databases.close();
        source.close();
        target.close();
    }

    @Test
    void aTenantRestoredElsewhereUnderAnotherIdHoldsTheSameRows() throws Exception {
        byte[] archive = export("team_a");

        Map<String, Long> restored = TenantArchive.restore(targetData(), "moved", new ByteArrayInputStream(archive));

        assertThat(restored)
                .containsEntry("documents", 1L)
                .containsEntry("chunks", 1L)
                .containsEntry("entities", 1L);
        TenantSnapshot before = TenantSnapshot.load(sourceData(), "team_a");
        TenantSnapshot after = TenantSnapshot.load(targetData(), "moved");
        assertThat(before.differences(after, 10)).isEmpty();
        assertThat(TenantArchive.counts(targetData(), "team_b").values())
                .as("only the archived tenant travelled")
                .containsOnly(0L);
    }

    @Test
    void restoringReplacesTheTenantsRowsAndLeavesTheOthers() throws Exception {
        byte[] archive = export("team_a");
        try (Connection connection = source.connect();
                Statement sql = connection.createStatement()) {
            sql.execute("UPDATE chunks SET content = 'changed since the backup' WHERE workspace = 'team_a'");
        }

        TenantArchive.restore(sourceData(), "team_a", new ByteArrayInputStream(archive));

        assertThat(TenantSnapshot.load(sourceData(), "team_a")
                        .differences(TenantSnapshot.load(sourceData(), "team_b"), 10))
                .as("team_a is back to its backed-up content, which equals team_b's except for the entity")
                .allSatisfy(line -> assertThat(line).doesNotContain("changed since the backup"));
        assertThat(TenantArchive.counts(sourceData(), "team_b")).containsEntry("chunks", 1L);
    }

    @Test
    void anArchiveWhoseCountsDoNotMatchChangesNothing() throws Exception {
        byte[] tampered = tamper(export("team_a"));

        assertThatThrownBy(() -> TenantArchive.restore(targetData(), "team_a", new ByteArrayInputStream(tampered)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("nothing was changed");
        assertThat(TenantArchive.counts(targetData(), "team_a").values()).containsOnly(0L);
        assertThatThrownBy(() -> TenantArchive.restore(
                        targetData(), "team_a", new ByteArrayInputStream("not a zip".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not a hybridrag tenant archive");
    }

    private byte[] export(String workspace) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TenantArchive.export(sourceData(), workspace, out);
        return out.toByteArray();
    }

    /** The same archive with one fewer chunk row than its manifest promises. */
    private static byte[] tamper(byte[] archive) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(archive));
                ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                byte[] bytes = in.readAllBytes();
                if (entry.getName().equals("chunks.csv")) {
                    String text = new String(bytes, StandardCharsets.UTF_8);
                    bytes = text.substring(0, text.indexOf('\n') + 1).getBytes(StandardCharsets.UTF_8);
                }
                zip.putNextEntry(new ZipEntry(entry.getName()));
                zip.write(bytes);
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private DataSource sourceData() {
        return databases.dataSource(source.settings());
    }

    private DataSource targetData() {
        return databases.dataSource(target.settings());
    }
}
