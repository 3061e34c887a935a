package dev.hybridrag.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hybridrag.query.retrieval.RetrievalOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Retrieval and answer quality on a question set, per mode: where the expected file ranks among the answer's
 * references, and, when the file has {@code answer_patterns}, how many answers match one. Runs against a running
 * query-service; references are taken in the order the API returns them.
 */
@Command(
        name = "eval",
        description = "Ask every question of a TSV (question<TAB>file[<TAB>answer_patterns]) in every mode; print, per"
                + " mode, hit@1, hit@3, hit@any and MRR of the expected file among the references, and the share of"
                + " answers matching their patterns.")
final class EvalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--tenant", defaultValue = "default")
    String tenant;

    @Mixin
    QueryServiceOption queryService;

    @Option(names = "--modes", split = ",", description = "modes to try (default: all six)")
    List<String> modes = RetrievalOptions.MODES;

    @Option(
            names = "--show-answers",
            description = "print each answer under its mode, and whether it matches its patterns")
    boolean showAnswers;

    @Parameters(index = "0", paramLabel = "QUESTIONS.tsv", description = "e.g. ../shared/corpus/qa-sample.tsv")
    Path questions;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<EvalCase> cases = EvalCase.read(questions);
        boolean answers = cases.stream().anyMatch(c -> !c.answerPatterns().isEmpty());
        try (QueryClient client = queryService.client()) {
            out.println(EvalScore.header());
            for (String mode : modes) {
                EvalScore score = new EvalScore();
                for (EvalCase question : cases) {
                    try {
                        // Answers are only written when there are patterns to hold them to.
                        JsonNode answer = client.query(
                                tenant, new Question(question.question(), mode, OptionalInt.empty(), !answers));
                        score.rank(question.file(), rank(answer, question));
                        if (!question.answerPatterns().isEmpty()) {
                            String text = answer.path("answer").asText("");
                            boolean matches = question.matches(text);
                            score.answer(text, matches);
                            if (showAnswers) {
                                out.printf(
                                        "  %s %s | %s%n    %s%n",
                                        mode,
                                        matches ? "matches" : "misses ",
                                        question.question(),
                                        text.replace("\n", "\n    "));
                            }
                        }
                    } catch (QueryServiceException e) {
                        // One refused question is a miss, not the end of the run.
                        spec.commandLine().getErr().println(mode + ": " + e.getMessage());
                        score.rank(question.file(), 0);
                    }
                }
                out.println(score.row(mode));
                out.flush();
            }
        }
        return 0;
    }

    /** The expected file's 1-based place among the references, 0 when it is not there. */
    private static int rank(JsonNode answer, EvalCase question) {
        List<String> files = answer.path("references").findValuesAsText("file_path");
        for (int i = 0; i < files.size(); i++) {
            if (question.isExpected(files.get(i))) {
                return i + 1;
            }
        }
        return 0;
    }
}
