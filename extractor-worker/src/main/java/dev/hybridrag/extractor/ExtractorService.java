package dev.hybridrag.extractor;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.chunk.MarkdownChunker;
import dev.hybridrag.core.chunk.TokenCounter;
import dev.hybridrag.core.config.Settings;
import dev.hybridrag.core.embed.Embedder;
import dev.hybridrag.core.kafka.ConsumerWorker;
import dev.hybridrag.core.kafka.Topics;
import dev.hybridrag.core.message.ExtractionRecord;
import dev.hybridrag.core.message.FileEvent;
import dev.hybridrag.core.message.MalformedMessageException;
import dev.hybridrag.core.message.MessageCodec;
import dev.hybridrag.core.storage.ChunkRepository;
import dev.hybridrag.core.tenant.TenantConfig;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** extractor-worker: file events in, one extraction record per document version out. */
public final class ExtractorService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ExtractorService.class);
    public static final String GROUP = "hybridrag-extractor";

    private final Infrastructure infra;
    private final Embedder embedder;
    private KafkaProducer<String, byte[]> producer;
    private ConsumerWorker worker;
    private DocumentExtractor extractor;

    public ExtractorService(Infrastructure infra, Embedder embedder) {
        this.infra = infra;
        this.embedder = embedder;
    }

    public void start() {
        infra.ensureTopics();
        MarkdownChunker chunker = new MarkdownChunker(
                new TokenCounter(),
                infra.environment().getInt(Settings.CHUNK_TOKENS, 16, 8192),
                infra.environment().getInt(Settings.CHUNK_OVERLAP_TOKENS, 0, 4096));
        ChunkRepository chunks = new ChunkRepository();
        extractor = new DocumentExtractor(
                chunker,
                embedder,
                (tenant, model, ids) ->
                        chunks.knownEmbeddings(infra.dataSource(infra.tenants().require(tenant)), tenant, model, ids));
        String id = "extractor-" + ProcessHandle.current().pid();
        producer = infra.kafka().producer(id);
        worker = new ConsumerWorker(id, infra.kafka().consumer(GROUP, id, 4), List.of(Topics.FILES), this::handle);
        worker.start();
    }

    private void handle(ConsumerRecord<String, byte[]> record) throws Exception {
        FileEvent event = MessageCodec.decode(record.value(), FileEvent.class);
        Optional<TenantConfig> tenant = infra.tenants().find(event.tenant());
        if (tenant.isEmpty()) {
            throw new MalformedMessageException("file event for unknown tenant '" + event.tenant() + "'");
        }
        long started = System.nanoTime();
        ExtractionRecord extraction = extractor.extract(event);
        send(extraction);
        log.info(
                "extracted {} {} v{}: {} chunks in {} ms",
                event.operation(),
                event.key().asString(),
                event.version(),
                extraction.chunks().size(),
                Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    private void send(ExtractionRecord extraction) throws InterruptedException {
        try {
            producer.send(new ProducerRecord<>(
                            Topics.EXTRACTIONS, extraction.key().asString(), MessageCodec.encode(extraction)))
                    .get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "could not publish extraction: " + e.getCause().getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (worker != null) {
            worker.close();
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
        }
    }
}
