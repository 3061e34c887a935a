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
        return timer(
                "hybridrag.stage", "time one document spends in a pipeline stage", "stage", stage, "tenant", tenant);
    }

    /** Starts timing; {@code stop(stage(...))} ends it. */
    public static Timer.Sample start() {
        return Timer.start(registry());
    }

    /** {@code hybridrag_files_published_total{tenant,operation}}: file events the watcher (or ingest) published. */
    public static void filePublished(String tenant, String operation) {
        counter("hybridrag.files.published", "file events published to Kafka", "tenant", tenant, "operation", operation)
                .increment();
    }

    /** {@code hybridrag_files_refused_total{tenant,reason}}, the reason as a {@link RefusalReason} code. */
    public static void fileRefused(String tenant, String reasonText) {
        counter(
                        "hybridrag.files.refused",
                        "files refused before publishing (too large, not UTF-8, links out of the root...)",
                        "tenant",
                        tenant,
                        "reason",
                        RefusalReason.code(reasonText))
                .increment();
    }

    /** {@code hybridrag_dead_letters_total{topic}}. */
    public static void deadLetter(String sourceTopic) {
        deadLetters(sourceTopic).increment();
    }

    /** The dead-letter counter of a source topic, registered at zero if it was not yet. */
    public static Counter deadLetters(String sourceTopic) {
        return counter(
                "hybridrag.dead.letters",
                "records given up on and kept in the dead-letter topic",
                "topic",
                sourceTopic);
    }

    /** {@code hybridrag_query_seconds{tenant,mode}}. */
    public static Timer query(String tenant, String mode) {
        return timer(
                "hybridrag.query",
                "time to answer a query, retrieval and answer together",
                "tenant",
                tenant,
                "mode",
                mode);
    }

    /** {@code hybridrag_http_requests_total{route,status}}, the route as its template. */
    public static void httpRequest(String route, int status) {
        counter(
                        "hybridrag.http.requests",
                        "HTTP requests answered by query-service",
                        "route",
                        route,
                        "status",
                        Integer.toString(status))
                .increment();
    }

    /** A timer with the stage buckets, registered once per name and tags. */
    private static Timer timer(String name, String description, String... tags) {
        return Timer.builder(name)
                .description(description)
                .tags(tags)
                .serviceLevelObjectives(BUCKETS)
                .register(registry());
    }

    /** A counter, registered at zero the first time. */
    private static Counter counter(String name, String description, String... tags) {
        return Counter.builder(name).description(description).tags(tags).register(registry());
    }
}
