package dev.hybridrag.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/** docs/benchmarks/neighbours.md: what {@link NeighboursBenchmark} measured; the hand-written part is kept. */
final class NeighboursReport {

    private static final String FILE = "neighbours.md";

    private final Path corpus;
    private final int documents;
    private Duration alone = Duration.ZERO;
    private Duration withNeighbour = Duration.ZERO;
    private List<Duration> notes = List.of();

    NeighboursReport(Path corpus, int documents) {
        this.corpus = corpus;
        this.documents = documents;
    }

    void alone(Duration took) {
        alone = took;
    }

    Duration aloneTime() {
        return alone;
    }

    void withNeighbour(Duration took, List<Duration> noteLatencies) {
        withNeighbour = took;
        notes = List.copyOf(noteLatencies);
    }

    List<Duration> notes() {
        return notes;
    }

    private long percentile(int p) {
        List<Long> sorted = notes.stream().map(Duration::toMillis).sorted().toList();
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100));
    }

    void write(double loadBefore, double loadAfter) throws Exception {
        String page = "# Neighbours\n\n"
                + "Issue 17's fairness benchmark, run by `./hybridrag bench neighbours` (`NeighboursBenchmark`): the offline"
                + " (heuristic) extractor, embeddings from a fake server on loopback (the local embedding model would"
                + " make each ingest about 18 minutes of embedding, on 2 cores), the pipeline in one JVM (watcher with a 300 ms debounce, extractor, indexer,"
                + " query-service over HTTP), an in-JVM broker and the local PostgreSQL. After an unmeasured warm-up ingest"
                + " (class loading, JIT, the first vector index builds), one tenant ingests the "
                + documents + " files of `" + corpus.getFileName() + "` alone (`hybridrag ingest`'s code); then"
                + " another tenant ingests them again while a third writes a one-paragraph note into its watched"
                + " folder every 5 s, each timed until naive-mode context (`only_need_context`) finds it. An ingest"
                + " ends when every document is processed and no graph key is dirty.\n\n"
                + "Measured " + LocalDate.now(ZoneOffset.UTC) + " on " + Reports.machine()
                + ", 1-minute load average %.2f before and %.2f after; the machine was shared with other engineers'"
                        .formatted(loadBefore, loadAfter)
                + " builds and tests, so numbers are noisy.\n\n"
                + "| measure | value |\n|---|---|\n"
                + "| big tenant's ingest, alone | %.0f s |\n".formatted(alone.toMillis() / 1000.0)
                + "| big tenant's ingest, with the neighbour writing | %.0f s (%+.1f%%) |\n"
                        .formatted(
                                withNeighbour.toMillis() / 1000.0,
                                alone.isZero()
                                        ? 0
                                        : 100.0 * (withNeighbour.toMillis() - alone.toMillis()) / alone.toMillis())
                + "| neighbour's notes written during it | %d |\n".formatted(notes.size())
                + "| note written to answerable | p50 %d ms, p95 %d ms, max %d ms |\n"
                        .formatted(percentile(50), percentile(95), percentile(100))
                + "\n" + Reports.KEPT_BY_HAND + "\n" + Reports.keptPart(FILE, Reports.KEPT_BY_HAND);
        Reports.writeDocument(FILE, page);
    }
}
