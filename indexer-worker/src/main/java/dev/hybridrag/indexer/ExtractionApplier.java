package dev.hybridrag.indexer;

import dev.hybridrag.core.message.ChunkRecord;
import dev.hybridrag.core.message.EntityMention;
import dev.hybridrag.core.message.ExtractionRecord;
import dev.hybridrag.core.message.RelationMention;
import dev.hybridrag.core.metrics.PipelineMeters;
import dev.hybridrag.core.storage.ChunkRepository;
import dev.hybridrag.core.storage.DocumentRepository;
import dev.hybridrag.core.storage.DocumentStatus;
import dev.hybridrag.core.storage.DocumentVersion;
import dev.hybridrag.core.storage.FragmentRepository;
import dev.hybridrag.core.storage.GraphKey;
import dev.hybridrag.core.storage.GraphRepository;
import dev.hybridrag.core.storage.VectorIndexes;
import io.micrometer.core.instrument.Timer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Applies one extraction record in one transaction: the document row and status, its chunks, and the fragments of
 * the chunks that are new (or whose extractor changed). Chunks that vanished take their fragments with them. A
 * record older than what the table holds changes nothing; applying the same record twice leaves the same rows.
 */
public final class ExtractionApplier {

    /** What applying a record did: whether it was stale, and which graph keys its fragments touched. */
    public record Outcome(boolean stale, Set<GraphKey> touched) {
        static Outcome staleRecord() {
            return new Outcome(true, Set.of());
        }
    }

    private final DocumentRepository documents = new DocumentRepository();
    private final ChunkRepository chunks = new ChunkRepository();
    private final FragmentRepository fragments = new FragmentRepository();
    private final GraphRepository graph = new GraphRepository();
    private final VectorIndexes indexes;

    public ExtractionApplier() {
        this(new VectorIndexes());
    }

    public ExtractionApplier(VectorIndexes indexes) {
        this.indexes = indexes;
    }

    public Outcome apply(DataSource dataSource, String workspace, ExtractionRecord record) throws SQLException {
        Timer.Sample indexing = PipelineMeters.start();
        Outcome outcome = applyOnce(dataSource, workspace, record);
        indexing.stop(PipelineMeters.stage(PipelineMeters.INDEX, record.tenant()));
        return outcome;
    }

    private Outcome applyOnce(DataSource dataSource, String workspace, ExtractionRecord record) throws SQLException {
        if (!record.chunks().isEmpty()) {
            // Before the transaction: creating an index waits for the table's writers, which must not include us.
            indexes.ensure(dataSource, record.chunks().getFirst().embedding().length);
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Outcome outcome = applyIn(connection, workspace, record);
                connection.commit();
                return outcome;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private Outcome applyIn(Connection connection, String workspace, ExtractionRecord record) throws SQLException {
        DocumentStatus status = record.operation().isDelete()
                ? DocumentStatus.DELETED
                : record.failed() ? DocumentStatus.FAILED : DocumentStatus.PROCESSED;
        List<ChunkRecord> kept = status == DocumentStatus.DELETED ? List.of() : record.chunks();
        DocumentVersion version = new DocumentVersion(
                workspace,
                record.path(),
                record.contentHash(),
                record.size(),
                record.mtime(),
                record.version(),
                status,
                record.error(),
                kept.size());
        if (!documents.upsertUnlessStale(connection, version)) {
            return Outcome.staleRecord();
        }
        Map<String, String> existing = chunks.extractorsByChunk(connection, workspace, record.path());
        Set<String> incoming = new HashSet<>();
        Set<String> fresh = new HashSet<>();
        for (ChunkRecord chunk : kept) {
            incoming.add(chunk.id());
            if (!record.extractor().equals(existing.get(chunk.id()))) {
                fresh.add(chunk.id());
            }
        }
        Set<String> vanished = new HashSet<>(existing.keySet());
        vanished.removeAll(incoming);

        Set<String> retracted = new HashSet<>(vanished);
        retracted.addAll(fresh);
        Set<GraphKey> touched =
                new HashSet<>(fragments.deleteForChunks(connection, workspace, record.path(), retracted));
        chunks.delete(connection, workspace, record.path(), vanished);
        chunks.upsert(
                connection,
                workspace,
                record.path(),
                kept,
                record.embeddingModel(),
                record.extractor(),
                Set.copyOf(record.failedChunks()));
        List<EntityMention> newEntities = record.entities().stream()
                .filter(mention -> fresh.contains(mention.chunkId()))
                .toList();
        List<RelationMention> newRelations = record.relations().stream()
                .filter(mention -> fresh.contains(mention.chunkId()))
                .toList();
        touched.addAll(fragments.insert(connection, workspace, record.path(), newEntities, newRelations));
        graph.markDirty(connection, workspace, touched);
        return new Outcome(false, touched);
    }
}
