package dev.hybridrag.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The offline answer is a few quoted sentences with their citations, short, about what was asked. */
class ExtractiveAnswerTest {

    private static final String FIRST = """
            _**User**_

            How should the server report a port that is already in use?

            ---

            _**Assistant**_

            Let me look at the server code first.

            ```ts
            server.listen(port);
            ```

            When the port is taken, the server should catch EADDRINUSE and print a one-line message that suggests
            another port with --port, instead of a stack trace. The rest of the startup stays as it is.
            | column | value |
            |---|---|
            """;
    private static final String SECOND = "## Notes\n\nPorts below 1024 need root on Linux, which the CLI never asks"
            + " for. A very long sentence about something else entirely, which goes on and on about logging levels"
            + " and configuration files and the weather in the place where the developer happens to live today.";

    private static List<QueryResponse.ContextChunk> context() {
        return List.of(
                new QueryResponse.ContextChunk(1, "mcp-errors.md", "c1", 0.9, FIRST),
                new QueryResponse.ContextChunk(2, "ports.md", "c2", 0.8, SECOND));
    }

    @Test
    void quotesTheSentenceThatAnswersWithItsCitation() {
        String answer = ExtractiveAnswer.compose(
                "How should a port conflict such as EADDRINUSE be reported?", context(), Optional.empty());

        assertThat(answer).startsWith("When the port is taken, the server should catch EADDRINUSE");
        assertThat(answer).contains("[1]").doesNotContain("```").doesNotContain("_**");
        assertThat(answer.length()).isLessThanOrEqualTo(ExtractiveAnswer.MAX_CHARS);
    }

    @Test
    void staysWithinFourHundredCharactersWhateverThePassages() {
        String longProse = ("This sentence repeats the words port conflict EADDRINUSE and suggestion. ").repeat(40);
        List<QueryResponse.ContextChunk> context = List.of(
                new QueryResponse.ContextChunk(1, "a.md", "c1", 0.9, longProse),
                new QueryResponse.ContextChunk(2, "b.md", "c2", 0.8, longProse.replace(" ", "\n")));

        String answer = ExtractiveAnswer.compose("port conflict EADDRINUSE", context, Optional.empty());

        assertThat(answer).isNotBlank();
        assertThat(answer.length()).isLessThanOrEqualTo(ExtractiveAnswer.MAX_CHARS);
    }

    @Test
    void withNothingRetrievedItSaysSo() {
        assertThat(ExtractiveAnswer.compose("anything", List.of(), Optional.empty()))
                .isEqualTo(ExtractiveAnswer.NOTHING);
    }

    @Test
    void aPassageWithoutProseIsQuotedFromItsStartAndCut() {
        String table = "| a | b |\n|---|---|\n" + "| 1 | 2 |\n".repeat(200);
        String answer = ExtractiveAnswer.compose(
                "numbers", List.of(new QueryResponse.ContextChunk(3, "t.md", "c", 1, table)), Optional.empty());

        assertThat(answer).endsWith("[3]");
        assertThat(answer.length()).isLessThanOrEqualTo(ExtractiveAnswer.MAX_CHARS);
    }
}
