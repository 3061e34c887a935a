package dev.hybridrag.core.extract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EntityNamesTest {

    @Test
    void namesDifferingInCaseSpacingQuotesOrPunctuationAreOneEntity() {
        assertThat(EntityNames.key("Kafka")).isEqualTo("kafka");
        assertThat(EntityNames.key("\"kafka\"")).isEqualTo("kafka");
        assertThat(EntityNames.key("  KAFKA. ")).isEqualTo("kafka");
        assertThat(EntityNames.key("**Apache   Kafka**")).isEqualTo("apache kafka");
        assertThat(EntityNames.display("`pgvector`,")).isEqualTo("pgvector");
    }

    @Test
    void meaningfulLeadingAndTrailingCharactersAreKept() {
        assertThat(EntityNames.display(".specstory/history")).isEqualTo(".specstory/history");
        assertThat(EntityNames.display("__init__.py")).isEqualTo("__init__.py");
        assertThat(EntityNames.display("C#")).isEqualTo("C#");
    }

    @Test
    void nothingLeftMeansNoName() {
        assertThat(EntityNames.key("  \"\" ")).isEmpty();
        assertThat(EntityNames.key(null)).isEmpty();
    }
}
