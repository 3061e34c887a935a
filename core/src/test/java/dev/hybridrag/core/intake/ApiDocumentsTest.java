package dev.hybridrag.core.intake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The one name rule of the HTTP API's uploads and the MCP tool's added documents. */
class ApiDocumentsTest {

    @ParameterizedTest
    @ValueSource(strings = {"notes/decisions.md", "text-1a2b.md", "2026 plan_v2", " padded.md "})
    void relativeNamesOfPlainCharactersAreTakenStripped(String name) {
        assertThat(ApiDocuments.safeName(name)).contains(name.strip());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                " ",
                "../escape",
                "a/../b",
                "a..b",
                "/etc/passwd",
                "a//b",
                "dir/",
                ".hidden",
                "a\\b",
                "notes (1).md",
                "résumé.md",
                "a+b"
            })
    void namesThatCouldLeaveThePrefixOrAreNotPlainAreRefused(String name) {
        assertThat(ApiDocuments.safeName(name)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 201})
    void namesAreAtMost200Characters(int length) {
        assertThat(ApiDocuments.safeName("x".repeat(length)).isPresent()).isEqualTo(length <= 200);
    }
}
