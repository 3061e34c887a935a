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

    private static QueryResponse.Context context() {
        return context(
                new QueryResponse.ContextChunk(1, "mcp-errors.md", "c1", 0.9, FIRST),
                new QueryResponse.ContextChunk(2, "ports.md", "c2", 0.8, SECOND));
    }

    private static QueryResponse.Context context(QueryResponse.ContextChunk... chunks) {
        return context(List.of(), chunks);
    }

    private static QueryResponse.Context context(List<String> keywords, QueryResponse.ContextChunk... chunks) {
        return new QueryResponse.Context(List.of(), List.of(), List.of(chunks), List.of(), keywords, 0);
    }

    private static QueryResponse.ContextChunk passage(int reference, String content) {
        return new QueryResponse.ContextChunk(reference, "f" + reference + ".md", "c" + reference, 1, content);
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
        QueryResponse.Context context = context(
                new QueryResponse.ContextChunk(1, "a.md", "c1", 0.9, longProse),
                new QueryResponse.ContextChunk(2, "b.md", "c2", 0.8, longProse.replace(" ", "\n")));

        String answer = ExtractiveAnswer.compose("port conflict EADDRINUSE", context, Optional.empty());

        assertThat(answer).isNotBlank();
        assertThat(answer.length()).isLessThanOrEqualTo(ExtractiveAnswer.MAX_CHARS);
    }

    @Test
    void withNothingRetrievedItSaysSo() {
        assertThat(ExtractiveAnswer.compose("anything", context(List.of()), Optional.empty()))
                .isEqualTo(ExtractiveAnswer.NOTHING);
    }

    @Test
    void aPassageWithoutProseIsQuotedFromItsStartAndCut() {
        String table = "| a | b |\n|---|---|\n" + "| 1 | 2 |\n".repeat(200);
        String answer = ExtractiveAnswer.compose(
                "numbers", context(new QueryResponse.ContextChunk(3, "t.md", "c", 1, table)), Optional.empty());

        assertThat(answer).endsWith("[3]");
        assertThat(answer.length()).isLessThanOrEqualTo(ExtractiveAnswer.MAX_CHARS);
    }

    @Test
    void theSentenceAfterTheBestOneComesWithIt() {
        String answer = ExtractiveAnswer.compose(
                "How should the server report a port conflict such as EADDRINUSE?",
                context(passage(
                        1,
                        "We created a task to improve how the server reports port conflicts (EADDRINUSE). The task"
                                + " focuses on friendly messages with suggested actions.\n\nUnrelated notes about"
                                + " the release schedule follow here.")),
                Optional.empty());

        assertThat(answer)
                .startsWith("We created a task to improve how the server reports port conflicts (EADDRINUSE). [1] The"
                        + " task focuses on friendly messages with suggested actions. [1]");
    }

    @Test
    void theQuestionsWordsInTheirOrderWinOverTheSameWordsScattered() {
        String answer = ExtractiveAnswer.compose(
                "How can the tasks list command print JSON output?",
                context(
                        passage(1, "Both the session and the tasks commands print the list as JSON output."),
                        passage(2, "The tasks list command prints its output as JSON when given `--json`.")),
                Optional.empty());

        assertThat(answer).startsWith("The tasks list command prints its output as JSON when given `--json`. [2]");
    }

    @Test
    void aListThatSumsUpIsQuotedWithItsItemsAndMarkers() {
        String answer = ExtractiveAnswer.compose(
                "Which task statuses were added for work in progress or in review?",
                context(passage(4, """
                        Let me read the file first.

                        The IN-PROGRESS and IN-REVIEW statuses have been added to the task system:

                        - **IN-PROGRESS** is represented by `-` in the checkbox.
                        - **IN-REVIEW** is represented by `+` in the checkbox.
                        """)),
                Optional.empty());

        assertThat(answer)
                .startsWith("The IN-PROGRESS and IN-REVIEW statuses have been added to the task system: IN-PROGRESS is"
                        + " represented by `-` in the checkbox; IN-REVIEW is represented by `+` in the checkbox. [4]");
    }

    @Test
    void theQuerysKeywordsCountDouble() {
        QueryResponse.ContextChunk first = passage(1, "The watcher writes its log to a file named out.log every day.");
        QueryResponse.ContextChunk second = passage(2, "EADDRINUSE is shown with one error line.");
        String question = "What does the watcher log for EADDRINUSE errors?";

        assertThat(ExtractiveAnswer.compose(question, context(first, second), Optional.empty()))
                .startsWith("The watcher writes");
        assertThat(ExtractiveAnswer.compose(question, context(List.of("EADDRINUSE"), first, second), Optional.empty()))
                .startsWith("EADDRINUSE is shown");
    }

    @Test
    void aPassageWithNothingToQuoteIsShownFromItsOpeningCutAtAWord() {
        // Only a code block: no sentence, list item or command to quote.
        String code = "```ts\n" + "const value = compute(input);\n".repeat(40) + "```\n";

        String answer =
                ExtractiveAnswer.compose("what does compute return", context(passage(1, code)), Optional.empty());

        assertThat(answer).hasSizeLessThanOrEqualTo(ExtractiveAnswer.MAX_CHARS);
        assertThat(answer).startsWith("```ts const value = compute(input);").endsWith("… [1]");
        String shown = answer.substring(0, answer.length() - "… [1]".length());
        String flat = code.replaceAll("\\s+", " ").strip();
        assertThat(flat).startsWith(shown);
        assertThat(flat.charAt(shown.length())).as("cut between words").isEqualTo(' ');
    }
}
