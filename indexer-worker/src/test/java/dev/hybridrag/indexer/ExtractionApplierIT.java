package dev.hybridrag.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridrag.core.message.ChunkRecord;
import dev.hybridrag.core.message.EntityMention;
import dev.hybridrag.core.message.ExtractionRecord;
import dev.hybridrag.core.message.FileOperation;
import dev.hybridrag.core.message.RelationMention;
import dev.hybridrag.core.storage.Databases;
import dev.hybridrag.core.storage.DocumentRepository;
import dev.hybridrag.core.storage.DocumentStatus;
import dev.hybridrag.core.storage.GraphKey;
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
        ExtractionRecord record = version(10, "extractor-a", "alpha", "beta");
        applier.apply(dataSource, "default", record);
        List<String> first = rows();
        ExtractionApplier.Outcome replay = applier.apply(dataSource, "default", record);
        assertThat(rows()).isEqualTo(first).hasSize(7);
        assertThat(replay.touched()).isEmpty();
    }

    @Test
    void aNewVersionKeepsUnchangedChunksWithTheirFactsAndRetractsVanishedOnes() throws Exception {
        applier.apply(dataSource, "default", version(10, "extractor-a", "alpha", "beta"));
        ExtractionApplier.Outcome outcome =
                applier.apply(dataSource, "default", version(11, "extractor-a", "alpha", "gamma"));
        assertThat(rows())
                .containsExactly(
                        "doc a.md processed 2",
                        "chunk a.md alpha",
                        "chunk a.md gamma",
                        "entity alpha in alpha",
                        "entity gamma in gamma",
                        "relation alpha\u001fshared in alpha",
                        "relation gamma\u001fshared in gamma");
        assertThat(outcome.touched())
                .containsExactlyInAnyOrder(
                        GraphKey.entity("beta"),
                        GraphKey.relation("beta", "Shared"),
                        GraphKey.entity("gamma"),
                        GraphKey.relation("gamma", "Shared"));
    }

    @Test
    void aChangedExtractorReplacesTheFactsOfUnchangedChunks() throws Exception {
        applier.apply(dataSource, "default", version(10, "extractor-a", "alpha"));
        ExtractionApplier.Outcome outcome = applier.apply(dataSource, "default", version(11, "extractor-b", "alpha"));
        assertThat(outcome.touched()).contains(GraphKey.entity("alpha"));
        assertThat(rows()).contains("entity alpha in alpha");
    }

    @Test
    void aStaleRecordNeverOverwritesNewerContent() throws Exception {
        applier.apply(dataSource, "default", version(20, "extractor-a", "new"));
        ExtractionApplier.Outcome outcome = applier.apply(dataSource, "default", version(19, "extractor-a", "old"));
        assertThat(outcome.stale()).isTrue();
        assertThat(rows()).first().isEqualTo("doc a.md processed 1");
        assertThat(rows()).contains("chunk a.md new").doesNotContain("chunk a.md old");
    }

    @Test
    void aDeleteRetractsEverythingAndAnOlderCreateCannotReviveTheFile() throws Exception {
        applier.apply(dataSource, "default", version(30, "extractor-a", "alpha"));
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
                "",
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                "");
        ExtractionApplier.Outcome outcome = applier.apply(dataSource, "default", delete);
        applier.apply(dataSource, "default", version(29, "extractor-a", "alpha"));
        assertThat(rows()).containsExactly("doc a.md deleted 0");
        assertThat(outcome.touched()).contains(GraphKey.entity("alpha"), GraphKey.relation("alpha", "shared"));
    }

    @Test
    void aPartlyFailedVersionKeepsWhatItsOtherChunksProduced() throws Exception {
        ExtractionRecord ok = version(40, "extractor-a", "alpha", "beta");
        ExtractionRecord failed = new ExtractionRecord(
                ok.tenant(),
                ok.path(),
                ok.operation(),
                ok.contentHash(),
                ok.size(),
                ok.mtime(),
                ok.version(),
                ok.embeddingModel(),
                ok.embeddingDim(),
                ok.extractor(),
                ok.chunks(),
                ok.entities().subList(0, 1), // the failed chunk found nothing
                ok.relations().subList(0, 1),
                List.of(ok.chunks().getLast().id()),
                "extraction failed for 1 of 3 chunks; first: 429");
        applier.apply(dataSource, "default", failed);
        assertThat(rows()).first().isEqualTo("doc a.md failed 2");
        assertThat(rows()).contains("entity alpha in alpha");
        // The failed chunk is stored without an extractor, so a retry extracts and writes its facts.
        ExtractionApplier.Outcome retry =
                applier.apply(dataSource, "default", version(41, "extractor-a", "alpha", "beta"));
        assertThat(retry.touched()).contains(GraphKey.entity("beta")).doesNotContain(GraphKey.entity("alpha"));
        assertThat(rows()).first().isEqualTo("doc a.md processed 2");
    }

    @Test
    void theLifecycleGoesPendingProcessingProcessedAndNeverBackwards() throws Exception {
        DocumentRepository documents = new DocumentRepository();
        documents.markInFlight(dataSource, "default", "a.md", "hash-50", 10, Instant.EPOCH, 50, DocumentStatus.PENDING);
        assertThat(rows()).containsExactly("doc a.md pending 0");
        documents.markInFlight(
                dataSource, "default", "a.md", "hash-50", 10, Instant.EPOCH, 50, DocumentStatus.PROCESSING);
        assertThat(rows()).containsExactly("doc a.md processing 0");
        applier.apply(dataSource, "default", version(50, "extractor-a", "alpha"));
        // A late pending mark of the same version must not hide that it is done.
        documents.markInFlight(dataSource, "default", "a.md", "hash-50", 10, Instant.EPOCH, 50, DocumentStatus.PENDING);
        assertThat(rows()).first().isEqualTo("doc a.md processed 1");
        // A newer version is pending while the processed chunks of the old one stay answerable.
        assertThat(documents.markInFlight(
                        dataSource, "default", "a.md", "hash-51", 10, Instant.EPOCH, 51, DocumentStatus.PENDING))
                .isTrue();
        assertThat(rows()).contains("doc a.md pending 1", "chunk a.md alpha");
        // An older version arriving late is stale: the extractor is told to skip it, and nothing changes.
        assertThat(documents.markInFlight(
                        dataSource, "default", "a.md", "hash-49", 10, Instant.EPOCH, 49, DocumentStatus.PROCESSING))
                .isFalse();
        assertThat(documents.markInFlight(
                        dataSource, "default", "a.md", "hash-51", 10, Instant.EPOCH, 51, DocumentStatus.PROCESSING))
                .isTrue();
        assertThat(rows()).first().isEqualTo("doc a.md processing 1");
    }

    @Test
    void tenantsSharingTablesDoNotSeeEachOther() throws Exception {
        applier.apply(dataSource, "default", version(1, "extractor-a", "alpha"));
        ExtractionRecord other = version(1, "extractor-a", "other");
        applier.apply(
                dataSource,
                "team_b",
                new ExtractionRecord(
                        "team_b",
                        other.path(),
                        other.operation(),
                        other.contentHash(),
                        other.size(),
                        other.mtime(),
                        other.version(),
                        other.embeddingModel(),
                        other.embeddingDim(),
                        other.extractor(),
                        other.chunks(),
                        other.entities(),
                        other.relations(),
                        List.of(),
                        ""));
        assertThat(rows()).noneMatch(row -> row.contains("other"));
    }

    /** A version whose chunks are the given texts; each chunk mentions an entity named like it and "Shared". */
    private static ExtractionRecord version(long version, String extractor, String... texts) {
        List<ChunkRecord> chunks = new ArrayList<>();
        List<EntityMention> entities = new ArrayList<>();
        List<RelationMention> relations = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            chunks.add(new ChunkRecord(texts[i], i, texts[i], 1, new float[] {1f, i}, List.of()));
            entities.add(new EntityMention(texts[i], texts[i], "concept", "about " + texts[i]));
            relations.add(new RelationMention(texts[i], texts[i], "Shared", "mentions", "in " + texts[i], 1.0));
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
                extractor,
                chunks,
                entities,
                relations,
                List.of(),
                "");
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
            try (ResultSet rs = statement.executeQuery("SELECT kind, key, chunk_id FROM fragments"
                    + " WHERE workspace = 'default' ORDER BY kind, key, chunk_id")) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + " " + rs.getString(2) + " in " + rs.getString(3));
                }
            }
        }
        return rows;
    }
}
