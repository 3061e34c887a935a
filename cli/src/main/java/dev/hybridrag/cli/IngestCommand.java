package dev.hybridrag.cli;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.config.Environment;
import dev.hybridrag.core.storage.DocumentState;
import dev.hybridrag.core.storage.DocumentStatus;
import dev.hybridrag.core.storage.TenantStatus;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.watcher.FolderIngest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hybridrag ingest}: one scan of a folder (the seeds' command), then a progress bar that follows the
 * documents through the pipeline, then a summary. Exits 0 when every file ended processed or unchanged.
 */
@Command(
        name = "ingest",
        description = "Scan a folder once and ingest its markdown for a tenant; follows the documents until the"
                + " pipeline has processed them, then prints a summary. Needs the services running (./hybridrag up).")
final class IngestCommand implements Callable<Integer> {

    private static final Duration POLL = Duration.ofMillis(500);

    @Spec
    CommandSpec spec;

    @Mixin
    TenantOption tenant;

    @Mixin
    BackendOption backend;

    @Option(names = "--path", required = true, paramLabel = "DIR", description = "the folder to scan")
    Path path;

    @Option(names = "--recursive", description = "also scan sub-folders (hidden and tool folders only if named)")
    boolean recursive;

    @Option(
            names = "--pattern",
            paramLabel = "GLOB",
            description = "files to take, relative to DIR (default: the watch root's patterns when DIR is watched,"
                    + " else **/*.md and SpecStory histories)")
    String pattern;

    @Option(
            names = "--wait-minutes",
            defaultValue = "60",
            description = "how long to follow the documents; 0 only submits them (default: ${DEFAULT-VALUE})")
    int waitMinutes;

    @Override
    public Integer call() throws Exception {
        Environment env = Environment.system();
        String tenantId = tenant.id(env);
        try (Infrastructure infra = Infrastructure.fromEnvironment(env)) {
            return ingest(
                    infra,
                    spec.commandLine().getOut(),
                    System.console() != null,
                    tenantId,
                    path,
                    recursive,
                    Optional.ofNullable(pattern),
                    Duration.ofMinutes(waitMinutes));
        }
    }

    static int ingest(
            Infrastructure infra,
            PrintWriter out,
            boolean terminal,
            String tenantId,
            Path folder,
            boolean recursive,
            Optional<String> pattern,
            Duration wait)
            throws Exception {
        TenantConfig tenant = infra.tenants().require(tenantId);
        try (FolderIngest ingest = new FolderIngest(infra)) {
            FolderIngest.Report report = ingest.submit(tenant, folder, recursive, pattern);
            out.printf(
                    "tenant %s: %d file(s) submitted, %d unchanged, %d refused%n",
                    tenant.id(),
                    report.submitted().size(),
                    report.unchanged().size(),
                    report.refused().size());
            out.flush();
            if (wait.isZero()) {
                out.println("not waiting: `./hybridrag documents list --status pending` follows them");
                out.flush();
                return report.refused().isEmpty() ? 0 : 1;
            }
            Instant deadline = Instant.now().plus(wait);
            Map<String, DocumentState> states = follow(ingest, tenant, report.submitted(), deadline, terminal);
            awaitGraph(infra, tenant, deadline);
            return summarise(report, states, out);
        }
    }

    /**
     * A processed document's entities and relations are embedded by the indexer's graph work a moment later;
     * until then a local, global or hybrid query finds nothing of it. The user stories run {@code query} right
     * after {@code ingest}, so ingest returns once no graph key waits to be rebuilt (or the wait is over).
     */
    private static void awaitGraph(Infrastructure infra, TenantConfig tenant, Instant deadline) throws Exception {
        while (TenantStatus.load(infra.dataSource(tenant), tenant.workspace()).settlingKeys() > 0
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(POLL.toMillis());
        }
    }

    /** Polls the documents' rows until every submitted version settled or the wait is over. */
    private static Map<String, DocumentState> follow(
            FolderIngest ingest,
            TenantConfig tenant,
            List<FolderIngest.Submitted> submitted,
            Instant deadline,
            boolean terminal)
            throws Exception {
        List<String> paths =
                submitted.stream().map(FolderIngest.Submitted::path).toList();
        try (ProgressBar bar = new ProgressBarBuilder()
                .setTaskName("processing")
                .setInitialMax(submitted.size())
                .setStyle(ProgressBarStyle.ASCII)
                .continuousUpdate()
                .setUpdateIntervalMillis(terminal ? 200 : 10_000)
                // Redirected to a file or a CI log, one line per update instead of carriage returns.
                .setConsumer(
                        terminal
                                ? new ConsoleProgressBarConsumer(System.err)
                                : new DelegatingProgressBarConsumer(System.err::println))
                .build()) {
            while (true) {
                Map<String, DocumentState> states = ingest.states(tenant, paths);
                long settled = submitted.stream()
                        .filter(doc -> settled(states.get(doc.path()), doc))
                        .count();
                bar.stepTo(settled);
                if (settled == submitted.size() || Instant.now().isAfter(deadline)) {
                    return states;
                }
                Thread.sleep(POLL.toMillis());
            }
        }
    }

    private static boolean settled(DocumentState state, FolderIngest.Submitted doc) {
        return state != null && state.settledAt(doc.version());
    }

    private static int summarise(FolderIngest.Report report, Map<String, DocumentState> states, PrintWriter out) {
        int processed = 0;
        int unfinished = 0;
        Map<String, String> failed = new LinkedHashMap<>();
        Map<String, String> refused = new LinkedHashMap<>(report.refused());
        for (FolderIngest.Submitted doc : report.submitted()) {
            DocumentState state = states.get(doc.path());
            if (!settled(state, doc)) {
                unfinished++;
            } else if (state.status() == DocumentStatus.PROCESSED) {
                processed++;
            } else if (state.status() == DocumentStatus.REFUSED) {
                refused.put(doc.path(), state.error());
            } else if (state.status() == DocumentStatus.FAILED) {
                failed.put(doc.path(), state.error());
            } else {
                unfinished++; // a newer version is on its way, or the file was deleted meanwhile
            }
        }
        out.printf("processed  %d%n", processed);
        out.printf("unchanged  %d%n", report.unchanged().size());
        out.printf("failed     %d%n", failed.size());
        failed.forEach((path, error) -> out.printf("  %s: %s%n", path, error));
        out.printf("refused    %d%n", refused.size());
        refused.forEach((path, error) -> out.printf("  %s: %s%n", path, error));
        if (unfinished > 0) {
            out.printf(
                    "not finished %d (still in the pipeline; `./hybridrag documents list --status pending` follows"
                            + " them)%n",
                    unfinished);
        }
        out.flush();
        return failed.isEmpty() && refused.isEmpty() && unfinished == 0 ? 0 : 1;
    }
}
