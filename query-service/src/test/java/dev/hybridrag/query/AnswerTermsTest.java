package dev.hybridrag.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A question in plain words meets the identifiers, flags and inflections the passages use. */
class AnswerTermsTest {

    @Test
    void anIdentifierCountsAsItselfAndAsItsParts() {
        assertThat(AnswerTerms.of("`IN-PROGRESS` via setTaskStatus and --json in tasks.ts"))
                .contains("in-progress", "progress", "settaskstatus", "task", "status", "--json", "json", "tasks.ts")
                .doesNotContain("in", "and");
    }

    @Test
    void inflectionsOfAWordMeet() {
        assertThat(AnswerTerms.of("statuses changes changed entries deleting"))
                .isEqualTo(AnswerTerms.of("status change change entry delete"));
    }

    @Test
    void wordPairsKeepTheQuestionsOrder() {
        assertThat(AnswerTerms.pairs("How can the tasks list command print JSON?"))
                .contains("task list", "list command", "print json");
        assertThat(AnswerTerms.pairs("the `session list` of the tasks")).doesNotContain("task list");
    }

    @Test
    void namesOfThingsAreCounted() {
        assertThat(AnswerTerms.identifiers("Run `minsky tasks list --json` on tasks.md; task #005, marker [-]"))
                .isEqualTo(4);
        assertThat(AnswerTerms.identifiers("a plain, user-friendly sentence with no names in it"))
                .isZero();
    }
}
