package dev.hybridrag.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hybridrag.core.config.Environment;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Asks query-service a question and prints the answer and its references. */
@Command(name = "query", description = "Ask a question; prints the answer and its references.")
final class QueryCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    TenantOption tenant;

    @Mixin
    ModeOptions modes;

    @Option(names = "--context-only", description = "print the retrieved context instead of an answer")
    boolean contextOnly;

    @Mixin
    QueryServiceOption queryService;

    @Option(names = "--json", description = "print the raw JSON response")
    boolean raw;

    @Option(names = "--text", paramLabel = "QUESTION", description = "the question (the Python tool's flag)")
    String text;

    @Parameters(arity = "0..*", description = "the question, when --text is not given")
    String[] words;

    @Override
    public Integer call() throws Exception {
        if ((text == null) == (words == null || words.length == 0)) {
            throw new ParameterException(spec.commandLine(), "give the question either with --text or as words");
        }
        Question question =
                new Question(text != null ? text : String.join(" ", words), modes.mode, modes.topK(), contextOnly);
        JsonNode answer;
        try (QueryClient client = queryService.client()) {
            answer = client.query(tenant.id(Environment.system()), question);
        } catch (QueryServiceException e) {
            spec.commandLine().getErr().println("hybridrag: " + e.getMessage());
            return e.unreachable() ? 2 : 1;
        }
        PrintWriter out = spec.commandLine().getOut();
        if (raw) {
            out.println(QueryClient.pretty(answer));
            out.flush();
            return 0;
        }
        AnswerPrinter.print(out, answer, contextOnly);
        return 0;
    }
}
