package dev.hybridrag.extractor;

import dev.hybridrag.core.chunk.Chunk;
import dev.hybridrag.core.chunk.MarkdownChunker;
import dev.hybridrag.core.embed.Embedder;
import dev.hybridrag.core.message.ChunkRecord;
import dev.hybridrag.core.message.ExtractionRecord;
import dev.hybridrag.core.message.FileEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a file event into an extraction record: chunks, and an embedding per chunk. Embeddings the tenant already
 * holds (same chunk text, same model) are reused, so an edit only embeds the chunks it changed.
 */
public final class DocumentExtractor {

    /** Looks up vectors already stored for chunk ids of a tenant. */
    @FunctionalInterface
    public interface KnownEmbeddings {
        Map<String, float[]> find(String tenant, String model, List<String> chunkIds) throws Exception;
    }

    private static final int EMBED_BATCH = 16;

    private final MarkdownChunker chunker;
    private final Embedder embedder;
    private final KnownEmbeddings known;

    public DocumentExtractor(MarkdownChunker chunker, Embedder embedder, KnownEmbeddings known) {
        this.chunker = chunker;
        this.embedder = embedder;
        this.known = known;
    }

    public ExtractionRecord extract(FileEvent event) throws Exception {
        if (event.operation().isDelete()) {
            return ExtractionRecord.deleted(event);
        }
        List<Chunk> chunks = chunker.split(event.content());
        Map<String, float[]> vectors = known.find(
                event.tenant(), embedder.model(), chunks.stream().map(Chunk::id).toList());
        List<Chunk> missing =
                chunks.stream().filter(c -> !vectors.containsKey(c.id())).toList();
        for (int from = 0; from < missing.size(); from += EMBED_BATCH) {
            List<Chunk> batch = missing.subList(from, Math.min(missing.size(), from + EMBED_BATCH));
            List<float[]> embedded =
                    embedder.embed(batch.stream().map(Chunk::content).toList());
            for (int i = 0; i < batch.size(); i++) {
                vectors.put(batch.get(i).id(), embedded.get(i));
            }
        }
        List<ChunkRecord> records = new ArrayList<>(chunks.size());
        for (Chunk chunk : chunks) {
            records.add(new ChunkRecord(
                    chunk.id(), chunk.index(), chunk.content(), chunk.tokens(), vectors.get(chunk.id())));
        }
        return new ExtractionRecord(
                event.tenant(),
                event.path(),
                event.operation(),
                event.contentHash(),
                event.size(),
                event.mtime(),
                event.version(),
                embedder.model(),
                embedder.dimension(),
                records,
                List.of(),
                List.of(),
                "");
    }
}
