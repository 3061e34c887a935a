package dev.hybridrag.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hybridrag.query.retrieval.RetrievalOptions;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Retrieval quality on a question set: for each line of a TSV (question, expected file) and each mode, whether the
 * expected file is among the answer's references. Runs against a running query-service.
 */
@Command(
        name = "eval",
        description = "Ask every question of a TSV (question<TAB>file) in every mode; print, per mode, how many"
                + " answers list the expected file among their references.")
final class EvalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--tenant", defaultValue = "default")
    String tenant;

    @Option(names = "--url", description = "query-service base URL (default: from HYBRIDRAG_QUERY_HOST/PORT)")
    String url;

    @Option(names = "--modes", split = ",", description = "modes to try (default: all six)")
    List<String> modes = RetrievalOptions.MODES;

    @Parameters(index = "0", paramLabel = "QUESTIONS.tsv", description = "e.g. ../shared/corpus/qa-sample.tsv")
    Path questions;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<String[]> cases = new ArrayList<>();
        for (String line : Files.readAllLines(questions)) {
            String[] fields = line.split("\t");
            if (fields.length >= 2 && !fields[0].equals("question")) {
                cases.add(fields);
            }
        }
        try (QueryClient client = QueryClient.forUrl(url)) {
            out.printf("%-8s %s%n", "mode", "hits (expected file among the references)");
            for (String mode : modes) {
                int hits = 0;
                List<String> missed = new ArrayList<>();
                for (String[] question : cases) {
                    boolean hit;
                    try {
                        JsonNode answer =
                                client.query(tenant, new Question(question[0], mode, OptionalInt.empty(), true));
                        hit = answer.path("references").findValuesAsText("file_path").stream()
                                .anyMatch(file -> file.equals(question[1]) || file.endsWith("/" + question[1]));
                    } catch (QueryServiceException e) {
                        // One refused question is a miss, not the end of the run.
                        spec.commandLine().getErr().println(mode + ": " + e.getMessage());
                        hit = false;
                    }
                    if (hit) {
                        hits++;
                    } else {
                        missed.add(question[1]);
                    }
                }
                out.printf("%-8s %d/%d%s%n", mode, hits, cases.size(), missed.isEmpty() ? "" : "  missed: " + missed);
                out.flush();
            }
        }
        return 0;
    }
}
