package dev.hybridrag.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalCaseTest {

    @TempDir
    Path dir;

    @Test
    void readsQuestionsFilesAndPatternsAlternativesSplitAtBars() throws Exception {
        Path tsv = dir.resolve("qa.tsv");
        Files.writeString(tsv, """
                question\tfile\tanswer_patterns
                Which port?\tmcp.md\t(?=[\\s\\S]{0,50}?port)(?=[\\s\\S]{0,50}?EADDRINUSE)[\\s\\S]|in use
                No patterns here?\tother.md\t
                """);

        List<EvalCase> cases = EvalCase.read(tsv);

        assertThat(cases).hasSize(2);
        EvalCase first = cases.getFirst();
        assertThat(first.answerPatterns()).hasSize(2);
        assertThat(first.matches("the PORT was taken: eaddrinuse [1]")).isTrue();
        assertThat(first.matches("the address is IN USE")).isTrue();
        assertThat(first.matches("the port was taken")).isFalse();
        assertThat(first.isExpected("projects/x/mcp.md")).isTrue();
        assertThat(first.isExpected("notmcp.md")).isFalse();
        assertThat(cases.get(1).answerPatterns()).isEmpty();
    }

    @Test
    void aFileWithoutPatternsIsReadToo() throws Exception {
        Path tsv = dir.resolve("qa.tsv");
        Files.writeString(tsv, "question\tfile\nWhich port?\tmcp.md\n");

        assertThat(EvalCase.read(tsv)).singleElement().satisfies(c -> assertThat(c.answerPatterns())
                .isEmpty());
    }

    @Test
    void aBrokenPatternNamesItsLine() throws Exception {
        Path tsv = dir.resolve("qa.tsv");
        Files.writeString(tsv, "question\tfile\tanswer_patterns\nWhich?\tmcp.md\t(unclosed\n");

        assertThatThrownBy(() -> EvalCase.read(tsv)).hasMessageContaining("line 2");
    }

    @Test
    void scoresRanksAsHitsAndMeanReciprocalRank() {
        EvalScore score = new EvalScore();
        score.rank("a.md", 1);
        score.rank("b.md", 2);
        score.rank("c.md", 0);
        score.rank("d.md", 4);

        assertThat(score.hitsAt(1)).isEqualTo(1);
        assertThat(score.hitsAt(3)).isEqualTo(2);
        assertThat(score.hits()).isEqualTo(3);
        assertThat(score.meanReciprocalRank()).isEqualTo((1 + 0.5 + 0.25) / 4);
        assertThat(score.row("mix")).contains("missed: [c.md]");
    }
}
