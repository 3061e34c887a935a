package dev.hybridrag.bench;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** docs/benchmarks/idle.md: what {@link IdleBenchmark} measured, with the hand-written part below the marker kept. */
final class IdleReport {

    private static final String FILE = "idle.md";

    private final int workspaceTenants;
    private final int databaseTenants;
    private final Duration idle;
    private Duration initialised = Duration.ZERO;
    private final Map<String, Duration> ready = new LinkedHashMap<>();
    private final Map<String, Long> residentKib = new LinkedHashMap<>();
    private double transactionsPerSecond;
    private final Map<String, Double> cpuPercent = new LinkedHashMap<>();
    private Map<String, Long> connections = Map.of();
    private List<Duration> graphLatencies = List.of();
    private String turn = "";
    private double loadMeasuredFrom = -1;
    private double loadMeasuredUntil = -1;

    IdleReport(int workspaceTenants, int databaseTenants, Duration idle) {
        this.workspaceTenants = workspaceTenants;
        this.databaseTenants = databaseTenants;
        this.idle = idle;
    }

    void initialised(Duration took) {
        initialised = took;
    }

    void ready(String service, Duration after) {
        ready.put(service, after);
        System.out.printf("idle: %s started after %d ms%n", service, after.toMillis());
    }

    void memory(Map<String, ProcessStats> stats) {
        stats.forEach((service, sample) -> residentKib.put(service, sample.residentKib()));
    }

    void idle(double perSecond, Map<String, ProcessStats> from, Map<String, ProcessStats> to, double seconds) {
        transactionsPerSecond = perSecond;
        to.forEach((service, sample) -> cpuPercent.put(service, sample.cpuPercentSince(from.get(service), seconds)));
        System.out.printf("idle: %.1f transactions/s, CPU %s%n", perSecond, cpuPercent);
    }

    /** The measures begin: with the machine to ourselves if {@code turn} (what the calm command said) is not empty. */
    void measuredUnder(String turn, double load) {
        this.turn = turn;
        this.loadMeasuredFrom = load;
    }

    void measuredUntil(double load) {
        this.loadMeasuredUntil = load;
    }

    void connections(Map<String, Long> byRole) {
        connections = byRole;
        System.out.printf("idle: connections %s%n", byRole);
    }

    void graphFreshness(List<Duration> latencies) {
        graphLatencies = latencies;
        System.out.printf("idle: write to graph p50 %d ms, p95 %d ms%n", percentile(50), percentile(95));
    }

    private long percentile(int p) {
        List<Long> sorted =
                graphLatencies.stream().map(Duration::toMillis).sorted().toList();
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100));
    }

    void write(double loadBefore, double loadAfter) throws Exception {
        List<String> rows = new ArrayList<>();
        rows.add("| tenants | %d workspace-mode, %d database-mode, each with a watched folder |"
                .formatted(workspaceTenants, databaseTenants));
        rows.add("| `backend init --all` | %.1f s |".formatted(initialised.toMillis() / 1000.0));
        ready.forEach((service, after) ->
                rows.add("| %s reports started | %.1f s after launch |".formatted(service, after.toMillis() / 1000.0)));
        long total = residentKib.values().stream().mapToLong(Long::longValue).sum();
        residentKib.forEach(
                (service, kib) -> rows.add("| %s resident memory at ready | %d MiB |".formatted(service, kib >> 10)));
        rows.add("| fleet resident memory at ready | %d MiB |".formatted(total >> 10));
        rows.add("| PostgreSQL transactions per second, idle %d s (every database) | %.1f |"
                .formatted(idle.toSeconds(), transactionsPerSecond));
        cpuPercent.forEach(
                (service, percent) -> rows.add("| %s CPU, idle | %.2f%% of one core |".formatted(service, percent)));
        rows.add("| connections held by the fleet, idle | %d (%s) |"
                .formatted(
                        connections.values().stream().mapToLong(Long::longValue).sum(), connections));
        rows.add(
                "| write to materialised graph, %d files into the last tenant (after 3 unmeasured) | p50 %d ms, p95 %d ms, max %d ms |"
                        .formatted(graphLatencies.size(), percentile(50), percentile(95), percentile(100)));
        rows.add("| 1-minute load average, idle minute and writes | %.2f when they began, %.2f when they ended%s |"
                .formatted(
                        loadMeasuredFrom,
                        loadMeasuredUntil,
                        turn.isEmpty() ? "" : "; the machine to itself (`" + turn + "`)"));
        String page = "# Idle fleet\n\n"
                + "Issue 17's benchmark, run by `./hybridrag bench idle` (`IdleBenchmark`): the four services of the"
                + " real jar, each its own process, on a PostgreSQL and a Kafka broker of the benchmark's own, serve"
                + " many tenants that have nothing to do. Measured after the services report started and two minutes"
                + " of calm (the start-up sweeps and the watcher's first scan): PostgreSQL's transactions per"
                + " second over every database (`pg_stat_database`), each service's CPU (`/proc/PID/stat`) and the"
                + " client connections open; then files written one after another into the last tenant's folder,"
                + " each timed until its entity is in `entities` (fake LLM answering at once, 300 ms debounce).\n\n"
                + "Measured " + LocalDate.now(ZoneOffset.UTC) + " on " + Reports.machine()
                + ", 1-minute load average %.2f before and %.2f after; the machine was shared with other engineers'"
                        .formatted(loadBefore, loadAfter)
                + " builds and tests, so numbers are noisy.\n\n"
                + "| measure | value |\n|---|---|\n" + String.join("\n", rows) + "\n\n" + Reports.KEPT_BY_HAND + "\n"
                + Reports.keptPart(FILE, Reports.KEPT_BY_HAND);
        Reports.writeDocument(FILE, page);
    }
}
