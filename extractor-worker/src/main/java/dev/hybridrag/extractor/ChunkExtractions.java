package dev.hybridrag.extractor;

import dev.hybridrag.core.chunk.Chunk;
import dev.hybridrag.core.chunk.ContentHash;
import dev.hybridrag.core.extract.ChunkExtraction;
import dev.hybridrag.core.extract.ChunkExtractor;
import dev.hybridrag.core.kafka.Failures;
import dev.hybridrag.core.message.MessageCodec;
import dev.hybridrag.core.storage.LlmCacheRepository;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extracts entities and relations from a document's chunks through the tenant's LLM cache: a chunk whose text was
 * extracted before by the same extractor (in any file of the tenant) costs nothing. Each success is cached at once,
 * so when some chunks fail the others are never paid for again.
 */
final class ChunkExtractions {

    /** Per chunk id, what was found; and for the chunks that failed, why. */
    record Result(
            Map<String, ChunkExtraction> byChunk,
            List<String> failures,
            List<String> failedChunks,
            int extractorCalls) {}

    private static final Logger log = LoggerFactory.getLogger(ChunkExtractions.class);

    private final LlmCacheRepository cache = new LlmCacheRepository();

    /**
     * @throws Supersession.SupersededException when the document moved on; no chunk is started after that
     * @throws Exception when PostgreSQL is unavailable to a chunk's extraction (its spend ledger): retry the record
     */
    Result extract(
            DataSource dataSource,
            String workspace,
            ChunkExtractor extractor,
            List<Chunk> chunks,
            int concurrency,
            Supersession supersession)
            throws Exception {
        Map<String, Chunk> byKey = new LinkedHashMap<>();
        for (Chunk chunk : chunks) {
            byKey.putIfAbsent(cacheKey(extractor, chunk), chunk);
        }
        Map<String, String> cached = cache.find(dataSource, workspace, byKey.keySet());
        Map<String, ChunkExtraction> byChunk = new ConcurrentHashMap<>();
        List<String> failures = new ArrayList<>();
        List<String> failedChunks = new ArrayList<>();
        Map<String, Future<ChunkExtraction>> pending = new LinkedHashMap<>();
        Semaphore permits = new Semaphore(concurrency);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Map.Entry<String, Chunk> entry : byKey.entrySet()) {
                String json = cached.get(entry.getKey());
                if (json != null) {
                    byChunk.put(entry.getValue().id(), decode(json));
                    continue;
                }
                pending.put(entry.getKey(), executor.submit(() -> {
                    permits.acquire();
                    try {
                        supersession.check();
                        ChunkExtraction found =
                                extractor.extract(entry.getValue().content());
                        try {
                            cache.put(
                                    dataSource,
                                    workspace,
                                    entry.getKey(),
                                    extractor.cacheIdentity(),
                                    new String(MessageCodec.encode(found), StandardCharsets.UTF_8));
                        } catch (SQLException e) {
                            // The extraction is in hand and goes on to the indexer, which waits for the database
                            // itself; failing the chunk for it would fail the document over a PostgreSQL restart.
                            log.warn(
                                    "could not cache the extraction of chunk {}: {}",
                                    entry.getValue().index(),
                                    e.getMessage());
                        }
                        return found;
                    } finally {
                        permits.release();
                    }
                }));
            }
            for (Map.Entry<String, Future<ChunkExtraction>> entry : pending.entrySet()) {
                Chunk chunk = byKey.get(entry.getKey());
                try {
                    byChunk.put(chunk.id(), entry.getValue().get());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Supersession.SupersededException superseded) {
                        throw superseded;
                    }
                    if (e.getCause() instanceof Exception cause && Failures.isDatabaseUnavailable(cause)) {
                        // PostgreSQL away (the spend ledger could not be written): nothing is wrong with the chunk,
                        // so the whole record waits for the database instead of the document ending failed.
                        throw cause;
                    }
                    failures.add("chunk " + chunk.index() + ": " + describe(e.getCause()));
                    failedChunks.add(chunk.id());
                }
            }
        }
        return new Result(byChunk, failures, failedChunks, pending.size());
    }

    static String cacheKey(ChunkExtractor extractor, Chunk chunk) {
        return ContentHash.of(extractor.cacheIdentity() + "\n" + chunk.content());
    }

    private static ChunkExtraction decode(String json) {
        return MessageCodec.decode(json.getBytes(StandardCharsets.UTF_8), ChunkExtraction.class);
    }

    private static String describe(Throwable error) {
        String message = error.getMessage();
        return message == null || message.isBlank() ? error.getClass().getSimpleName() : message;
    }
}
