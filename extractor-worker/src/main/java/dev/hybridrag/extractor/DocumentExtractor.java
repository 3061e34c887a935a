package dev.hybridrag.extractor;

import dev.hybridrag.core.chunk.Chunk;
import dev.hybridrag.core.extract.ChunkExtraction;
import dev.hybridrag.core.extract.ExtractedEntity;
import dev.hybridrag.core.extract.ExtractedRelation;
import dev.hybridrag.core.kafka.Topics;
import dev.hybridrag.core.message.ChunkRecord;
import dev.hybridrag.core.message.EntityMention;
import dev.hybridrag.core.message.ExtractionRecord;
import dev.hybridrag.core.message.FileEvent;
import dev.hybridrag.core.message.MessageCodec;
import dev.hybridrag.core.message.RelationMention;
import dev.hybridrag.core.metrics.PipelineMeters;
import dev.hybridrag.core.storage.ChunkRepository;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Turns a file event into an extraction record: chunks, an embedding per chunk, and the entity and relation
 * mentions found in each. Embeddings the tenant already holds (same chunk text, same model) are reused and
 * extractions come through the tenant's LLM cache, so an edit only pays for the chunks it changed.
 */
final class DocumentExtractor {

    private static final int EMBED_BATCH = 16;

    private final ChunkRepository chunkRepository = new ChunkRepository();
    private final ChunkExtractions extractions = new ChunkExtractions();

    /**
     * @throws Supersession.SupersededException when a newer version of the file turned up meanwhile: the work stops
     *     and nothing is to be sent
     */
    ExtractionRecord extract(FileEvent event, TenantPipeline pipeline, DataSource dataSource, String workspace)
            throws Exception {
        if (event.operation().isDelete()) {
            return ExtractionRecord.deleted(event);
        }
        Supersession supersession = new Supersession(dataSource, workspace, event.path(), event.version());
        Timer.Sample chunking = PipelineMeters.start();
        List<Chunk> chunks = pipeline.chunker().split(event.content());
        chunking.stop(PipelineMeters.stage(PipelineMeters.CHUNK, event.tenant()));
        long leastBytes = leastMessageBytes(chunks, pipeline.embedder().dimension());
        if (leastBytes > Topics.MAX_MESSAGE_BYTES) {
            return ExtractionRecord.failed(event, tooLargeForOneMessage(chunks.size(), leastBytes));
        }
        Timer.Sample embedding = PipelineMeters.start();
        Map<String, float[]> vectors = embed(chunks, pipeline, dataSource, workspace, supersession);
        embedding.stop(PipelineMeters.stage(PipelineMeters.EMBED, event.tenant()));
        Timer.Sample extracting = PipelineMeters.start();
        ChunkExtractions.Result found = extractions.extract(
                dataSource, workspace, pipeline.extractor(), chunks, pipeline.concurrency(), supersession);
        extracting.stop(PipelineMeters.stage(PipelineMeters.EXTRACT, event.tenant()));
        List<ChunkRecord> records = new ArrayList<>(chunks.size());
        List<EntityMention> entities = new ArrayList<>();
        List<RelationMention> relations = new ArrayList<>();
        for (Chunk chunk : chunks) {
            ChunkExtraction extraction = found.byChunk().getOrDefault(chunk.id(), ChunkExtraction.empty());
            records.add(new ChunkRecord(
                    chunk.id(),
                    chunk.index(),
                    chunk.content(),
                    chunk.tokens(),
                    vectors.get(chunk.id()),
                    extraction.keywords()));
            for (ExtractedEntity entity : extraction.entities()) {
                entities.add(new EntityMention(chunk.id(), entity.name(), entity.type(), entity.description()));
            }
            for (ExtractedRelation relation : extraction.relations()) {
                relations.add(new RelationMention(
                        chunk.id(),
                        relation.source(),
                        relation.target(),
                        relation.keywords(),
                        relation.description(),
                        relation.strength()));
            }
        }
        String error = found.failures().isEmpty()
                ? ""
                : "extraction failed for " + found.failures().size() + " of " + chunks.size() + " chunks; first: "
                        + found.failures().getFirst();
        return ExtractionRecord.of(
                event,
                pipeline.embedder().model(),
                pipeline.embedder().dimension(),
                pipeline.extractor().cacheIdentity(),
                records,
                entities,
                relations,
                found.failedChunks(),
                error);
    }

    /**
     * Why a document cannot be indexed when its extraction does not fit one Kafka message. Said before any embedding
     * is paid for when the chunks and their vectors alone are too large, else when the whole record is.
     */
    static String tooLargeForOneMessage(int chunks, long bytes) {
        return ("too large to index: its %d chunks with their vectors come to %.1f MiB, over the %d MiB one Kafka"
                        + " message may carry; split the file, or lower HYBRIDRAG_MAX_FILE_BYTES so that such files"
                        + " are refused when they are saved")
                .formatted(chunks, bytes / 1048576.0, Topics.MAX_MESSAGE_BYTES / 1048576);
    }

    /** What the chunks' text and vectors take in the extraction message at the least (JSON escapes and mentions add). */
    private static long leastMessageBytes(List<Chunk> chunks, int dimension) {
        long bytes = 0;
        for (Chunk chunk : chunks) {
            bytes += chunk.content().getBytes(StandardCharsets.UTF_8).length + MessageCodec.vectorBytes(dimension);
        }
        return bytes;
    }

    private Map<String, float[]> embed(
            List<Chunk> chunks,
            TenantPipeline pipeline,
            DataSource dataSource,
            String workspace,
            Supersession supersession)
            throws Exception {
        Map<String, float[]> vectors = chunkRepository.knownEmbeddings(
                dataSource,
                workspace,
                pipeline.embedder().model(),
                chunks.stream().map(Chunk::id).toList());
        List<Chunk> missing = chunks.stream()
                .filter(chunk -> !vectors.containsKey(chunk.id()))
                .toList();
        for (int from = 0; from < missing.size(); from += EMBED_BATCH) {
            supersession.check();
            List<Chunk> batch = missing.subList(from, Math.min(missing.size(), from + EMBED_BATCH));
            List<float[]> embedded =
                    pipeline.embedder().embed(batch.stream().map(Chunk::content).toList());
            for (int i = 0; i < batch.size(); i++) {
                vectors.put(batch.get(i).id(), embedded.get(i));
            }
        }
        return vectors;
    }
}
