package dev.hybridrag.core.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class FileSelectionTest {

    private final FileSelection defaults = new FileSelection(WatchRoot.DEFAULT_PATTERNS, List.of());

    @Test
    void defaultsTakeMarkdownAnywhereAndSpecStoryHistories() {
        assertThat(defaults.selects("notes.md")).isTrue();
        assertThat(defaults.selects("projects/minsky/plan.md")).isTrue();
        assertThat(defaults.selects("minsky/.specstory/history/2025-04-26_chat.md"))
                .isTrue();
        assertThat(defaults.selects(".specstory/history/chat.md")).isTrue();
        assertThat(defaults.selects("minsky/.specstory/.history/old.md")).isTrue();
        assertThat(defaults.selects("notes.txt")).isFalse();
    }

    @Test
    void hiddenAndToolFoldersAreSkippedUnlessAGlobNamesThem() {
        assertThat(defaults.selects("minsky/.git/COMMIT_EDITMSG.md")).isFalse();
        assertThat(defaults.selects("minsky/node_modules/pkg/README.md")).isFalse();
        assertThat(defaults.selects("minsky/.specstory/other/chat.md")).isFalse();
        assertThat(defaults.selects("minsky/.#plan.md"))
                .as("hidden files, such as editors' lock files")
                .isFalse();
        assertThat(defaults.entersFolder("minsky/.git")).isFalse();
        assertThat(defaults.entersFolder("minsky/node_modules")).isFalse();
        assertThat(defaults.entersFolder("minsky/.specstory")).isTrue();
        assertThat(defaults.entersFolder("minsky/.specstory/history")).isTrue();

        FileSelection named = new FileSelection(List.of("**/node_modules/**/*.md", "**/.*.md"), List.of());
        assertThat(named.selects("app/node_modules/pkg/README.md")).isTrue();
        assertThat(named.selects("app/.draft.md")).isTrue();
        assertThat(named.selects("app/.git/x.md")).isFalse();
    }

    @Test
    void excludesWinOverIncludesAndPruneFolders() {
        FileSelection selection = new FileSelection(WatchRoot.DEFAULT_PATTERNS, List.of("archive/**", "**/*-draft.md"));

        assertThat(selection.selects("archive/2024/old.md")).isFalse();
        assertThat(selection.selects("plan-draft.md")).isFalse();
        assertThat(selection.selects("notes/plan-draft.md")).isFalse();
        assertThat(selection.selects("notes/plan.md")).isTrue();
        assertThat(selection.entersFolder("archive")).isFalse();
        assertThat(selection.entersFolder("notes")).isTrue();
        assertThat(selection.toString())
                .isEqualTo(String.join(", ", WatchRoot.DEFAULT_PATTERNS) + " except archive/**, **/*-draft.md");
    }

    @Test
    void anInvalidGlobIsRefusedWhenTheRootIsConfigured() {
        assertThatThrownBy(() -> new WatchRoot(Path.of("inbox"), List.of("notes/[a-.md")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid glob 'notes/[a-.md'");
    }
}
