package dev.hybridrag.core.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The pipeline's meters under the fixed names dashboards and alerts rely on (docs/metrics.md). They are registered in
 * Micrometer's global registry, to which each process adds its Prometheus registry at start ({@link
 * PrometheusMetrics}): code deep in a service records without a registry handed down to it, and records nothing
 * where no registry was added (tests). Label values are tenant ids from the configured tenants, stage, operation and
 * mode names, route templates and status codes, and coarse refusal reasons: never paths, document text or keys.
 */
public final class PipelineMeters {

    /** The stages timed by {@code hybridrag_stage_seconds}. */
    public static final String READ = "read";

    public static final String CHUNK = "chunk";
    public static final String EMBED = "embed";
    public static final String EXTRACT = "extract";
    public static final String INDEX = "index";
    public static final String MATERIALIZE = "materialize";

    // From a few milliseconds (reading a small file) to minutes (extracting a large document through an LLM).
    private static final Duration[] BUCKETS = {
        Duration.ofMillis(5),
        Duration.ofMillis(25),
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofMillis(2500),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        Duration.ofSeconds(60),
        Duration.ofSeconds(300)
    };

    private PipelineMeters() {}

    private static MeterRegistry registry() {
        return Metrics.globalRegistry;
    }

    /** {@code hybridrag_stage_seconds{stage,tenant}}. */
    public static Timer stage(String stage, String tenant) {
        return Timer.builder("hybridrag.stage")
                .description("time one document spends in a pipeline stage")
                .tags("stage", stage, "tenant", tenant)
                .serviceLevelObjectives(BUCKETS)
                .register(registry());
    }

    /** Starts timing; {@code stop(stage(...))} ends it. */
    public static Timer.Sample start() {
        return Timer.start(registry());
    }

    /** {@code hybridrag_files_published_total{tenant,operation}}: file events the watcher (or ingest) published. */
    public static void filePublished(String tenant, String operation) {
        Counter.builder("hybridrag.files.published")
                .description("file events published to Kafka")
                .tags("tenant", tenant, "operation", operation)
                .register(registry())
                .increment();
    }

    /** {@code hybridrag_files_refused_total{tenant,reason}}, the reason as a {@link RefusalReason} code. */
    public static void fileRefused(String tenant, String reasonText) {
        Counter.builder("hybridrag.files.refused")
                .description("files refused before publishing (too large, not UTF-8, links out of the root...)")
                .tags("tenant", tenant, "reason", RefusalReason.code(reasonText))
                .register(registry())
                .increment();
    }

    /** {@code hybridrag_dead_letters_total{topic}}. */
    public static void deadLetter(String sourceTopic) {
        deadLetters(sourceTopic).increment();
    }

    /** The dead-letter counter of a source topic, registered at zero if it was not yet. */
    public static Counter deadLetters(String sourceTopic) {
        return Counter.builder("hybridrag.dead.letters")
                .description("records given up on and kept in the dead-letter topic")
                .tags("topic", sourceTopic)
                .register(registry());
    }

    /** {@code hybridrag_query_seconds{tenant,mode}}. */
    public static Timer query(String tenant, String mode) {
        return Timer.builder("hybridrag.query")
                .description("time to answer a query, retrieval and answer together")
                .tags("tenant", tenant, "mode", mode)
                .serviceLevelObjectives(BUCKETS)
                .register(registry());
    }

    /** {@code hybridrag_http_requests_total{route,status}}, the route as its template. */
    public static void httpRequest(String route, int status) {
        Counter.builder("hybridrag.http.requests")
                .description("HTTP requests answered by query-service")
                .tags("route", route, "status", Integer.toString(status))
                .register(registry())
                .increment();
    }
}
