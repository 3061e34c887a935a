package dev.hybridrag.cli.monitor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.config.Environment;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The user story's {@code monitor-shared.sh} as one command (docs/monitoring.md). */
@Command(
        name = "monitor",
        description = "The fleet every 2 s: services' CPU and memory, database sizes, connections per database and"
                + " role, Kafka lag per consumer group, and per tenant documents, ingest rate, graph and LLM spend.")
public final class MonitorCommand implements Callable<Integer> {

    /** CPU shares need two readings; a single snapshot waits this long between them. */
    private static final Duration FIRST_READING = Duration.ofSeconds(1);

    private static final String CLEAR_SCREEN = "\033[H\033[2J";

    @Spec
    CommandSpec spec;

    @Option(names = "--once", description = "print one snapshot and exit")
    boolean once;

    @Option(names = "--json", description = "one JSON snapshot (implies --once), for scripts")
    boolean json;

    @Option(names = "--every", description = "seconds between refreshes (default 2)")
    int everySeconds = 2;

    @Option(names = "--run-dir", description = "where ./hybridrag up keeps pid files (default: ./var/run)")
    Path runDir = Path.of("var", "run");

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (Infrastructure infra = Infrastructure.fromEnvironment(Environment.system());
                FleetSampler sampler = new FleetSampler(infra, runDir)) {
            sampler.sample();
            if (once || json) {
                Thread.sleep(FIRST_READING);
                FleetSnapshot snapshot = sampler.sample();
                if (json) {
                    out.println(new ObjectMapper()
                            .enable(SerializationFeature.INDENT_OUTPUT)
                            .writeValueAsString(snapshot));
                    out.flush();
                } else {
                    MonitorView.print(snapshot, out);
                }
                return 0;
            }
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(Duration.ofSeconds(Math.max(1, everySeconds)));
                FleetSnapshot snapshot = sampler.sample();
                out.print(CLEAR_SCREEN);
                MonitorView.print(snapshot, out);
            }
        }
        return 0;
    }
}
