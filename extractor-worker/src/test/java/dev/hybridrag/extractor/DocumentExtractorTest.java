package dev.hybridrag.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridrag.core.chunk.MarkdownChunker;
import dev.hybridrag.core.chunk.TokenCounter;
import dev.hybridrag.core.embed.Embedder;
import dev.hybridrag.core.extract.ChunkExtraction;
import dev.hybridrag.core.extract.ChunkExtractor;
import dev.hybridrag.core.message.ExtractionRecord;
import dev.hybridrag.core.message.FileEvent;
import dev.hybridrag.core.message.FileOperation;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * What the extractor decides before any paid work: a deleted file becomes a delete record, and a document whose
 * chunks and vectors cannot fit one Kafka message fails with the reason before a single chunk is embedded or
 * extracted. No database is reached on either path (the data source here throws on any use).
 */
class DocumentExtractorTest {

    private final AtomicInteger embedded = new AtomicInteger();
    private final AtomicInteger extracted = new AtomicInteger();
    private final DocumentExtractor extractor = new DocumentExtractor();

    @Test
    void aDeletedFileBecomesADeleteRecordWithoutAnyWork() throws Exception {
        FileEvent deleted = event(FileOperation.DELETED, "");

        ExtractionRecord record = extractor.extract(deleted, pipeline(8), unreachable(), "docs");

        assertThat(record.operation()).isEqualTo(FileOperation.DELETED);
        assertThat(record.path()).isEqualTo("notes.md");
        assertThat(record.version()).isEqualTo(7);
        assertThat(embedded.get() + extracted.get()).isZero();
    }

    @Test
    void aDocumentTooLargeForOneMessageFailsBeforeAnythingIsPaidFor() throws Exception {
        // Some 750 chunks with 16,000-dimensional vectors: about 64 MiB, twice what one message carries.
        String text = IntStream.range(0, 1500)
                .mapToObj(
                        i -> "Sentence " + i + " says that the indexer writes a chunk of the document into PostgreSQL.")
                .collect(Collectors.joining("\n\n", "# Notes\n\n", "\n"));

        ExtractionRecord record =
                extractor.extract(event(FileOperation.MODIFIED, text), pipeline(16_000), unreachable(), "docs");

        assertThat(record.failed()).isTrue();
        assertThat(record.error()).contains("too large to index").contains("split the file");
        assertThat(record.chunks()).isEmpty();
        assertThat(embedded.get() + extracted.get()).isZero();
    }

    private TenantPipeline pipeline(int dimension) {
        Embedder embedder = new Embedder() {
            @Override
            public String model() {
                return "counting";
            }

            @Override
            public int dimension() {
                return dimension;
            }

            @Override
            public List<float[]> embed(List<String> texts) {
                embedded.addAndGet(texts.size());
                return texts.stream().map(text -> new float[dimension]).toList();
            }
        };
        ChunkExtractor names = new ChunkExtractor() {
            @Override
            public String cacheIdentity() {
                return "counting";
            }

            @Override
            public ChunkExtraction extract(String chunk) {
                extracted.incrementAndGet();
                return ChunkExtraction.empty();
            }
        };
        return new TenantPipeline(new MarkdownChunker(new TokenCounter(), 40, 0), embedder, names, 1);
    }

    private static FileEvent event(FileOperation operation, String content) {
        return new FileEvent("docs", "notes.md", operation, "hash", content.length(), Instant.EPOCH, 7, content);
    }

    private static DataSource unreachable() {
        return (DataSource) Proxy.newProxyInstance(
                DocumentExtractorTest.class.getClassLoader(),
                new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    throw new AssertionError("the database was reached: " + method.getName());
                });
    }
}
