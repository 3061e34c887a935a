package dev.hybridrag.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridrag.core.message.ChunkRecord;
import dev.hybridrag.core.message.ExtractionRecord;
import dev.hybridrag.core.message.FileOperation;
import dev.hybridrag.core.storage.Databases;
import dev.hybridrag.core.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExtractionApplierIT {

    private TestPostgres postgres;
    private Databases databases;
    private DataSource dataSource;
    private final ExtractionApplier applier = new ExtractionApplier();

    @BeforeEach
    void database() throws Exception {
        postgres = new TestPostgres();
        databases = new Databases(2);
        dataSource = databases.dataSource(postgres.settings());
    }

    @AfterEach
    void dropDatabase() throws Exception {
        databases.close();
        postgres.close();
    }

    @Test
    void replayingARecordChangesNothing() throws Exception {
        ExtractionRecord record = version(10, "alpha", "beta");
        applier.apply(dataSource, "default", record);
        List<String> first = rows();
        applier.apply(dataSource, "default", record);
        assertThat(rows()).isEqualTo(first).hasSize(3);
    }

    @Test
    void aNewVersionKeepsUnchangedChunksAndDropsVanishedOnes() throws Exception {
        applier.apply(dataSource, "default", version(10, "alpha", "beta"));
        applier.apply(dataSource, "default", version(11, "alpha", "gamma"));
        assertThat(rows()).containsExactly("doc a.md processed 2", "chunk a.md alpha", "chunk a.md gamma");
    }

    @Test
    void aStaleRecordNeverOverwritesNewerContent() throws Exception {
        applier.apply(dataSource, "default", version(20, "new"));
        ExtractionApplier.Outcome outcome = applier.apply(dataSource, "default", version(19, "old"));
        assertThat(outcome).isEqualTo(ExtractionApplier.Outcome.STALE);
        assertThat(rows()).containsExactly("doc a.md processed 1", "chunk a.md new");
    }

    @Test
    void aDeleteRemovesChunksAndAnOlderCreateCannotReviveTheFile() throws Exception {
        applier.apply(dataSource, "default", version(30, "alpha"));
        ExtractionRecord delete = new ExtractionRecord(
                "default",
                "a.md",
                FileOperation.DELETED,
                "",
                0,
                Instant.EPOCH,
                31,
                "",
                0,
                List.of(),
                List.of(),
                List.of(),
                "");
        applier.apply(dataSource, "default", delete);
        applier.apply(dataSource, "default", version(29, "alpha"));
        assertThat(rows()).containsExactly("doc a.md deleted 0");
    }

    @Test
    void tenantsSharingTablesDoNotSeeEachOther() throws Exception {
        applier.apply(dataSource, "default", version(1, "alpha"));
        applier.apply(
                dataSource,
                "team_b",
                new ExtractionRecord(
                        "team_b",
                        "a.md",
                        FileOperation.CREATED,
                        "h",
                        1,
                        Instant.EPOCH,
                        1,
                        "m",
                        2,
                        List.of(chunk("other", 0)),
                        List.of(),
                        List.of(),
                        ""));
        assertThat(rows()).containsExactly("doc a.md processed 1", "chunk a.md alpha");
    }

    private static ExtractionRecord version(long version, String... texts) {
        List<ChunkRecord> chunks = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            chunks.add(chunk(texts[i], i));
        }
        return new ExtractionRecord(
                "default",
                "a.md",
                FileOperation.MODIFIED,
                "hash-" + version,
                10,
                Instant.EPOCH,
                version,
                "m",
                2,
                chunks,
                List.of(),
                List.of(),
                "");
    }

    private static ChunkRecord chunk(String text, int index) {
        return new ChunkRecord(text, index, text, 1, new float[] {1f, index});
    }

    /** The default tenant's rows, as comparable lines. */
    private List<String> rows() throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection connection = postgres.connect();
                Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery(
                    "SELECT path, status, chunk_count FROM documents WHERE workspace = 'default' ORDER BY path")) {
                while (rs.next()) {
                    rows.add("doc " + rs.getString(1) + " " + rs.getString(2) + " " + rs.getInt(3));
                }
            }
            try (ResultSet rs = statement.executeQuery(
                    "SELECT path, content FROM chunks WHERE workspace = 'default' ORDER BY path, content")) {
                while (rs.next()) {
                    rows.add("chunk " + rs.getString(1) + " " + rs.getString(2));
                }
            }
        }
        return rows;
    }
}
