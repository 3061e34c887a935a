package dev.hybridrag.bench;

import dev.hybridrag.core.storage.TenantSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** docs/benchmarks/chaos.md: the clean run, then one row per chaos run, and the differences of any that failed. */
final class ChaosReport {

    record Clean(Duration duration, TenantSnapshot snapshot) {}

    record Run(
            int number,
            ChaosRun.Faults faults,
            Duration duration,
            int chatRequests,
            int faultedRequests,
            long deadLetters,
            Map<String, Long> documents,
            TenantSnapshot snapshot,
            List<String> differences) {}

    private ChaosReport() {}

    static void write(Clean clean, List<Run> runs, Path corpus, int minKills) throws IOException {
        StringBuilder page = new StringBuilder("""
                # Chaos run

                Issue 6's fault test, run by `./hybridrag bench chaos` (`ChaosBenchmark`; about 5 minutes per run on 2
                cores). The benchmark starts a PostgreSQL and a Kafka broker of its own (`scripts/stack.sh`, state in
                `var/chaos`, ports `HR_PG_PORT + 1` and `HR_KAFKA_PORT + 10`), a fake OpenAI-compatible server in its
                own JVM, and the services of the real jar as separate processes (`java -jar hybridrag.jar run ...`):
                one watcher, and 1 extractor + 1 indexer for the clean run. The clean run ingests `%s` into tenant
                `clean` with no faults. Then a second extractor and indexer start, and each chaos run ingests the same
                files into a fresh tenant, copied one by one over a minute, while:

                - a random one of the 4 workers is killed with SIGKILL (`kill -9`) every 2 to 5 s and started again,
                  until the corpus is copied and at least %d kills are done;
                - PostgreSQL is stopped in immediate mode (as a crash: no checkpoint, recovery at start) and started
                  again after a third of the kills, the Kafka broker (SIGTERM, start) after two thirds;
                - the fake LLM answers 10%% of chat requests with 429 (Retry-After 200 ms) and 10%% with 500, every
                  attempt drawing again (services allow 10 attempts per call).

                When every document is processed and no graph key waits to be rebuilt, `hybridrag tenant diff clean
                chaosN` (documents, chunks, fragments, entities and relations, by content) must print `equal`, and
                no document may be left pending, processing or failed. The tables' primary keys make two identical
                rows impossible, so a record applied twice could only show as a row the clean run does not have.
                Consumer groups use Kafka 4's protocol; the broker notices a killed replica after 10 s
                (`scripts/kafka.sh`).

                """.formatted(corpus.getFileName(), minKills));
        page.append("Measured ")
                .append(LocalDate.now(ZoneOffset.UTC))
                .append(" on ")
                .append(Reports.machine())
                .append(", load average at the end ")
                .append(loadAverage())
                .append(" (other engineers' builds share the machine: durations are not speed measurements).\n\n");
        page.append("Clean run (1 extractor, 1 indexer): %d s, %s.%n%n"
                .formatted(clean.duration().toSeconds(), sizes(clean.snapshot())));
        page.append("| run | kills | PostgreSQL restart | Kafka restart | duration | chat requests (429/500) |"
                + " dead letters | exited by themselves | documents | rows | tenant diff |\n");
        page.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Run run : runs) {
            page.append("| %d | %d | %.1f s | %.1f s | %d s | %d (%d) | %d | %s | %s | %s | %s |%n"
                    .formatted(
                            run.number(),
                            run.faults().kills(),
                            run.faults().postgresRestart().toMillis() / 1000.0,
                            run.faults().kafkaRestart().toMillis() / 1000.0,
                            run.duration().toSeconds(),
                            run.chatRequests(),
                            run.faultedRequests(),
                            run.deadLetters(),
                            run.faults().exitedByThemselves().isEmpty()
                                    ? "none"
                                    : String.join(", ", run.faults().exitedByThemselves()),
                            run.documents(),
                            sizes(run.snapshot()),
                            run.differences().isEmpty() ? "**equal**" : "**differs**"));
        }
        for (Run run : runs) {
            if (!run.differences().isEmpty()) {
                page.append("\nRun ").append(run.number()).append(" differs from the clean run:\n\n```\n");
                run.differences().forEach(line -> page.append(line).append('\n'));
                page.append("```\n");
            }
        }
        page.append('\n')
                .append(Reports.KEPT_BY_HAND)
                .append('\n')
                .append(Reports.keptPart("chaos.md", Reports.KEPT_BY_HAND));
        Reports.writeDocument("chaos.md", page.toString());
    }

    private static String sizes(TenantSnapshot snapshot) {
        return "%d documents, %d chunks, %d fragments, %d entities, %d relations"
                .formatted(
                        snapshot.rows("documents"),
                        snapshot.rows("chunks"),
                        snapshot.rows("fragments"),
                        snapshot.rows("entities"),
                        snapshot.rows("relations"));
    }

    private static String loadAverage() {
        try {
            return "%.2f".formatted(Machine.loadAverage());
        } catch (IOException e) {
            return "unknown";
        }
    }
}
