package dev.hybridrag.bench;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * docs/benchmarks/freshness.md: the latest measurement, generated. What the numbers were before a change, and why
 * they moved, is kept by hand below the marker line of the page, which a new run leaves as it is.
 */
final class FreshnessReport {

    static final String MARKER = Reports.KEPT_BY_HAND;

    private FreshnessReport() {}

    static void write(
            List<FreshnessProbe.Result> results, int writes, Duration debounce, double loadBefore, double loadAfter)
            throws IOException {
        StringBuilder page = new StringBuilder("""
                # Freshness

                Issue 6's freshness benchmark, run by `./hybridrag bench freshness` (`FreshnessBenchmark`): the time
                from writing a file into a watched folder to the file being queryable, i.e. naive-mode context
                (`only_need_context`) asked with the file's text returning the file's chunk. The pipeline runs in one
                JVM (watcher with a %d ms debounce, as `hybridrag run watcher`; extractor; indexer; query-service over
                HTTP) with an in-JVM Kafka broker and the local PostgreSQL, and a fake OpenAI-compatible server on
                loopback for chat and embeddings. %d files are written one after another (atomic save, 100 ms apart);
                the context is asked for every 10 ms. Each file is one chunk: one extraction call and one gleaning call.

                *published* is when the watcher published the event (the document's version follows its clock),
                *indexed* when the indexer's transaction began (`documents.updated_at`), both from the write.

                """.formatted(debounce.toMillis(), writes));
        page.append("Measured ")
                .append(LocalDate.now(ZoneOffset.UTC))
                .append(" on ")
                .append(Reports.machine())
                .append(", 1-minute load average %.2f before and %.2f after.\n\n".formatted(loadBefore, loadAfter));
        page.append("| fake LLM | p50 | p95 | max | published p50 | indexed p50 | indexed p95 |\n");
        page.append("|---|---|---|---|---|---|---|\n");
        for (FreshnessProbe.Result result : results) {
            page.append("| %s | %d ms | %d ms | %d ms | %d ms | %d ms | %d ms |%n"
                    .formatted(
                            result.label(),
                            result.percentile(result.latencies(), 0.5).toMillis(),
                            result.percentile(result.latencies(), 0.95).toMillis(),
                            result.percentile(result.latencies(), 1.0).toMillis(),
                            result.percentile(result.published(), 0.5).toMillis(),
                            result.percentile(result.indexed(), 0.5).toMillis(),
                            result.percentile(result.indexed(), 0.95).toMillis()));
        }
        page.append('\n').append(MARKER).append('\n').append(Reports.keptPart("freshness.md", MARKER));
        Reports.writeDocument("freshness.md", page.toString());
    }
}
