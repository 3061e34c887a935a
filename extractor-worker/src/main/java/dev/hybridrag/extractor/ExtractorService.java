package dev.hybridrag.extractor;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.TenantModels;
import dev.hybridrag.core.kafka.ConsumerWorker;
import dev.hybridrag.core.kafka.DeadLetters;
import dev.hybridrag.core.kafka.Lane;
import dev.hybridrag.core.kafka.RecordHandler;
import dev.hybridrag.core.kafka.RecordKeys;
import dev.hybridrag.core.kafka.Topics;
import dev.hybridrag.core.lifecycle.CompositeService;
import dev.hybridrag.core.lifecycle.ServiceGroup;
import dev.hybridrag.core.message.ExtractionRecord;
import dev.hybridrag.core.message.FileEvent;
import dev.hybridrag.core.message.MalformedMessageException;
import dev.hybridrag.core.message.MessageCodec;
import dev.hybridrag.core.storage.DocumentRepository;
import dev.hybridrag.core.storage.DocumentStatus;
import dev.hybridrag.core.tenant.TenantConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** extractor-worker: file events in, one extraction record per document version out. */
public final class ExtractorService extends CompositeService {

    private static final Logger log = LoggerFactory.getLogger(ExtractorService.class);
    /** Key, headers and batch framing around a message's value, generously. */
    private static final int RECORD_OVERHEAD_BYTES = 16 * 1024;

    private final Infrastructure infra;
    private final DocumentExtractor extractor = new DocumentExtractor();
    private final DocumentRepository documents = new DocumentRepository();
    private KafkaProducer<String, byte[]> producer;

    public ExtractorService(Infrastructure infra) {
        super("extractor");
        this.infra = infra;
    }

    @Override
    protected void assemble(ServiceGroup parts) {
        infra.ensureTopics();
        String id = "extractor-" + ProcessHandle.current().pid();
        producer = infra.kafka().producer(id);
        parts.hold(id + "-producer", () -> producer.close(Duration.ofSeconds(10)));
        // Two lanes, two threads: a corpus being ingested never stands in front of a fresh edit (docs/scale-out.md).
        // Each lane's extractions go on to the indexer's lane of the same kind.
        parts.add(lane(id, "extractor", Lane.LIVE));
        parts.add(lane(id + "-bulk", "extractor-bulk", Lane.BULK));
    }

    private ConsumerWorker lane(String id, String group, Lane lane) {
        return new ConsumerWorker(
                id,
                infra.kafka().consumer(infra.topics().group(group, infra.tenants()), id, 4),
                List.of(infra.topics().files(lane)),
                RecordHandler.withPoison(
                        record -> handle(record, lane), (record, error) -> recordFailure(record, error, lane)),
                new DeadLetters(producer, infra.topics()));
    }

    private void handle(ConsumerRecord<String, byte[]> record, Lane lane) throws Exception {
        FileEvent event = MessageCodec.decode(record.value(), FileEvent.class);
        RecordKeys.requireMatches(record, event.key());
        if (infra.tenants().isServedElsewhere(event.tenant())) {
            return; // another fleet's tenant (HYBRIDRAG_ONLY); that fleet's own group reads it too
        }
        TenantConfig tenant = infra.tenants()
                .find(event.tenant())
                .orElseThrow(
                        () -> new MalformedMessageException("file event for unknown tenant '" + event.tenant() + "'"));
        // A newer version already stored (a backlog replayed after a restart, say) is not worth extracting: the
        // indexer would discard the result as stale anyway.
        if (!event.operation().isDelete()
                && !documents.markInFlight(
                        infra.dataSource(tenant),
                        tenant.workspace(),
                        event.path(),
                        event.contentHash(),
                        event.size(),
                        event.mtime(),
                        event.version(),
                        DocumentStatus.PROCESSING)) {
            log.info(
                    "skipped stale {} {} v{}: a newer version is stored",
                    event.operation(),
                    event.key().asString(),
                    event.version());
            return;
        }
        long started = System.nanoTime();
        ExtractionRecord extraction;
        try {
            extraction = extractor.extract(event, pipeline(tenant), infra.dataSource(tenant), tenant.workspace());
        } catch (Supersession.SupersededException superseded) {
            log.info(
                    "abandoned {} {} v{} after {} ms: v{} of the file is on its way",
                    event.operation(),
                    event.key().asString(),
                    event.version(),
                    Duration.ofNanos(System.nanoTime() - started).toMillis(),
                    superseded.newerVersion());
            return;
        }
        send(extraction, lane);
        log.info(
                "extracted {} {} v{}: {} chunks, {} entity and {} relation mentions in {} ms{}",
                event.operation(),
                event.key().asString(),
                event.version(),
                extraction.chunks().size(),
                extraction.entities().size(),
                extraction.relations().size(),
                Duration.ofNanos(System.nanoTime() - started).toMillis(),
                extraction.failed() ? "; " + extraction.error() : "");
    }

    /** A file event that cannot be processed still ends as a document, {@code failed} with the reason. */
    private void recordFailure(ConsumerRecord<String, byte[]> record, Exception error, Lane lane) {
        try {
            FileEvent event = MessageCodec.decode(record.value(), FileEvent.class);
            // A forged record's failure is not written into the tenant its body names.
            if (infra.tenants().find(event.tenant()).isPresent()
                    && RecordKeys.matches(record, event.key())
                    && !event.operation().isDelete()) {
                send(
                        ExtractionRecord.failed(
                                event,
                                "could not be processed (kept in the dead-letter topic; see ./hybridrag dlq list): "
                                        + error.getMessage()),
                        lane);
            }
        } catch (Exception e) {
            log.error("could not record the failure of {}: {}", record.key(), e.toString());
        }
    }

    private TenantPipeline pipeline(TenantConfig tenant) {
        TenantModels models = infra.models();
        return new TenantPipeline(
                models.chunker(tenant),
                models.embedder(tenant),
                models.extractor(tenant),
                models.extractionConcurrency(tenant));
    }

    /**
     * Publishes the extraction; one too large for a Kafka message becomes the document's failure with the reason,
     * since trying again would only pay for the same extraction again.
     */
    private void send(ExtractionRecord extraction, Lane lane) throws InterruptedException {
        byte[] value = MessageCodec.encode(extraction);
        try {
            if ((long) value.length + RECORD_OVERHEAD_BYTES > Topics.MAX_MESSAGE_BYTES) {
                throw new RecordTooLargeException("the message is " + value.length + " bytes");
            }
            publish(extraction, value, lane);
        } catch (RecordTooLargeException e) {
            String reason =
                    DocumentExtractor.tooLargeForOneMessage(extraction.chunks().size(), value.length);
            log.warn("not indexed: {}", reason);
            publish(extraction, MessageCodec.encode(extraction.asFailure(reason)), lane);
        }
    }

    /** @throws RecordTooLargeException when the producer or the broker finds the message too large */
    private void publish(ExtractionRecord extraction, byte[] value, Lane lane) throws InterruptedException {
        try {
            producer.send(new ProducerRecord<>(
                            infra.topics().extractions(lane), extraction.key().asString(), value))
                    .get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RecordTooLargeException tooLarge) {
                throw tooLarge;
            }
            throw new IllegalStateException(
                    "could not publish extraction: " + e.getCause().getMessage(), e);
        }
    }
}
