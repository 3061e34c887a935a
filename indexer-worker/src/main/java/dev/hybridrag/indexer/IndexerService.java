package dev.hybridrag.indexer;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.kafka.ConsumerWorker;
import dev.hybridrag.core.kafka.DeadLetters;
import dev.hybridrag.core.kafka.RecordHandler;
import dev.hybridrag.core.kafka.RecordKeys;
import dev.hybridrag.core.lifecycle.CompositeService;
import dev.hybridrag.core.lifecycle.Service;
import dev.hybridrag.core.lifecycle.ServiceGroup;
import dev.hybridrag.core.message.ExtractionRecord;
import dev.hybridrag.core.message.MalformedMessageException;
import dev.hybridrag.core.message.MessageCodec;
import dev.hybridrag.core.storage.DocumentRepository;
import dev.hybridrag.core.storage.VectorIndexes;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.indexer.graph.GraphMaterializer;
import dev.hybridrag.indexer.reembed.ReEmbedder;
import dev.hybridrag.indexer.wake.TenantWakeups;
import dev.hybridrag.indexer.wake.WakeupStreams;
import dev.hybridrag.indexer.wake.Work;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * indexer-worker: writes each extraction record into its tenant's tables, then wakes the tenant's graph step; the
 * wake-up stream keeps the graph views current and re-embeds a tenant whose embedding model changed; the lexical
 * backfill fills the full-text column of rows written before it existed.
 */
public final class IndexerService extends CompositeService {

    private static final Logger log = LoggerFactory.getLogger(IndexerService.class);

    private final Infrastructure infra;
    // Each new dimension's indexes are made by the first writer of that dimension: the applier (chunks come before
    // the entities and relations made from them) or, after a change of model, the re-embedder.
    private final VectorIndexes indexes = new VectorIndexes();
    private final ExtractionApplier applier = new ExtractionApplier(indexes);
    private GraphMaterializer materializer;
    private TenantWakeups wakeups;
    private final Function<KafkaProducer<String, byte[]>, TenantWakeups> wakeupsFactory;

    public IndexerService(Infrastructure infra) {
        this(infra, producer -> new TenantWakeups(producer, infra.topics()));
    }

    /** With wake-ups of the caller's making: a test loses them on purpose. */
    public IndexerService(Infrastructure infra, Function<KafkaProducer<String, byte[]>, TenantWakeups> wakeups) {
        super("indexer");
        this.infra = infra;
        this.wakeupsFactory = wakeups;
    }

    /**
     * The producer first, so it closes last; then the wake-up streams, the extraction consumer and the lexical
     * backfill, which stop in the reverse order.
     */
    @Override
    protected void assemble(ServiceGroup parts) {
        infra.ensureTopics();
        String id = "indexer-" + ProcessHandle.current().pid();
        KafkaProducer<String, byte[]> deadLetterProducer = infra.kafka().producer(id);
        parts.hold(id + "-dead-letters", () -> deadLetterProducer.close(Duration.ofSeconds(10)));
        wakeups = wakeupsFactory.apply(deadLetterProducer);
        materializer = new GraphMaterializer(infra);
        ReEmbedder reEmbedder = new ReEmbedder(infra, indexes);
        WakeupStreams wakeupStreams = new WakeupStreams(
                infra, Map.of(Work.GRAPH, materializer::materialize, Work.EMBEDDINGS, reEmbedder::reEmbed));
        parts.add(Service.of(id + "-wakeups", () -> wakeupStreams.start(id + "-wakeups"), wakeupStreams));
        // Two lanes, as in the extractor: a note's extraction is not applied after twenty of a corpus's documents.
        parts.add(lane(id, "indexer", infra.topics().extractions(), deadLetterProducer));
        parts.add(lane(id + "-bulk", "indexer-bulk", infra.topics().extractionsBulk(), deadLetterProducer));
        LexicalBackfiller lexicalBackfiller = new LexicalBackfiller(infra);
        parts.add(Service.of(id + "-lexical-backfill", lexicalBackfiller::start, lexicalBackfiller));
    }

    private ConsumerWorker lane(String id, String group, String topic, KafkaProducer<String, byte[]> deadLetters) {
        return new ConsumerWorker(
                id,
                infra.kafka().consumer(infra.topics().group(group, infra.tenants()), id, 20),
                List.of(topic),
                RecordHandler.withPoison(this::handle, this::recordFailure),
                new DeadLetters(deadLetters, infra.topics()));
    }

    private void handle(ConsumerRecord<String, byte[]> record) throws Exception {
        ExtractionRecord extraction = MessageCodec.decode(record.value(), ExtractionRecord.class);
        RecordKeys.requireMatches(record, extraction.key());
        if (infra.tenants().isServedElsewhere(extraction.tenant())) {
            return; // another fleet's tenant (HYBRIDRAG_ONLY); that fleet's own group reads it too
        }
        TenantConfig tenant = infra.tenants()
                .find(extraction.tenant())
                .orElseThrow(() ->
                        new MalformedMessageException("extraction for unknown tenant '" + extraction.tenant() + "'"));
        ExtractionApplier.Outcome outcome = applier.apply(infra.dataSource(tenant), tenant.workspace(), extraction);
        if (!outcome.touched().isEmpty()) {
            wakeups.wake(tenant.id().value(), Work.GRAPH); // after the commit: the dirty keys are there to find
        }
        log.info(
                "{} {} {} v{} ({} chunks, {} entity and {} relation mentions, {} graph keys touched)",
                outcome.stale() ? "skipped stale" : "applied",
                extraction.operation(),
                extraction.key().asString(),
                extraction.version(),
                extraction.chunks().size(),
                extraction.entities().size(),
                extraction.relations().size(),
                outcome.touched().size());
    }

    /** An extraction that cannot be written still leaves its document {@code failed}, with the reason. */
    private void recordFailure(ConsumerRecord<String, byte[]> record, Exception error) {
        try {
            ExtractionRecord extraction = MessageCodec.decode(record.value(), ExtractionRecord.class);
            TenantConfig tenant = infra.tenants().require(extraction.tenant());
            // A forged record's failure is not written into the tenant its body names.
            if (!extraction.operation().isDelete() && RecordKeys.matches(record, extraction.key())) {
                new DocumentRepository()
                        .markFailed(
                                infra.dataSource(tenant),
                                tenant.workspace(),
                                extraction.path(),
                                extraction.contentHash(),
                                extraction.size(),
                                extraction.mtime(),
                                extraction.version(),
                                "could not be indexed: " + error.getMessage());
            }
        } catch (Exception e) {
            log.error("could not record the failure of {}: {}", record.key(), e.toString());
        }
    }

    /** Graph keys this process has rebuilt since start. */
    public long rebuiltGraphKeys() {
        return materializer == null ? 0 : materializer.rebuiltKeys();
    }
}
