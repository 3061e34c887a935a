package dev.hybridrag.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridrag.core.testing.TestPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Full-text search finds identifiers, flags, file names and error codes as a user writes them, ranks rare words
 * above common ones, keeps to the tenant asking, and reaches rows written before the column existed once the
 * backfill has run.
 */
class LexicalSearchIT {

    private static final List<String> PASSAGES = List.of(
            "The server failed with EADDRINUSE because port 3000 was taken; suggest another port.",
            "Pass --recursive to copy every folder below the one named.",
            "The task list lives in process/tasks.md, one line per task.",
            "Sessions keep their working directory; a task names the session it runs in.",
            "A task has a status, a title and a session; the task list shows each task.");

    private TestPostgres postgres;
    private final Databases databases = new Databases(2);
    private final LexicalSearch search = new LexicalSearch();
    private DataSource dataSource;

    @BeforeEach
    void seed() throws Exception {
        postgres = new TestPostgres();
        dataSource = databases.dataSource(postgres.settings());
        try (Connection connection = postgres.connect();
                Statement sql = connection.createStatement()) {
            for (String workspace : List.of("team_a", "team_b")) {
                sql.execute("INSERT INTO documents (workspace, path, content_hash, size_bytes, mtime, version, status)"
                        + " VALUES ('" + workspace + "', 'notes.md', 'h', 10, now(), 1, 'processed')");
            }
            for (int i = 0; i < PASSAGES.size(); i++) {
                sql.execute("INSERT INTO chunks (workspace, path, chunk_id, chunk_index, content, tokens,"
                        + " embedding_model, embedding_dim, embedding) VALUES ('team_a', 'notes.md', 'c" + i + "', "
                        + i + ", '" + PASSAGES.get(i) + "', 20, 'm', 3, '[0.1,0.2,0.3]')");
            }
            sql.execute("INSERT INTO chunks (workspace, path, chunk_id, chunk_index, content, tokens, embedding_model,"
                    + " embedding_dim, embedding) VALUES ('team_b', 'notes.md', 'b0', 0, 'EADDRINUSE again, and"
                    + " --recursive in tasks.md', 20, 'm', 3, '[0.1,0.2,0.3]')");
        }
    }

    @AfterEach
    void drop() throws Exception {
        databases.close();
        postgres.close();
    }

    @Test
    void identifiersFlagsFileNamesAndErrorCodesAreFoundAsWritten() throws Exception {
        assertThat(first("How do I fix EADDRINUSE?")).isEqualTo("c0");
        assertThat(first("what does --recursive do")).isEqualTo("c1");
        assertThat(first("where is tasks.md")).isEqualTo("c2");
    }

    @Test
    void aRareWordOutranksCommonOnes() throws Exception {
        // "task" and "session" are in most passages; "directory" is in one.
        assertThat(first("which task session directory")).isEqualTo("c3");
    }

    @Test
    void aTenantFindsOnlyItsOwnRows() throws Exception {
        assertThat(search.chunks(
                        dataSource, "team_b", "EADDRINUSE --recursive tasks.md", WordCounts.countedWhenAsked(1), 10))
                .extracting(ScoredChunk::chunkId)
                .containsExactly("b0");
        assertThat(search.chunks(dataSource, "team_c", "EADDRINUSE", WordCounts.countedWhenAsked(0), 10))
                .isEmpty();
    }

    @Test
    void rowsWrittenBeforeTheColumnExistedAreFoundOnceBackfilled() throws Exception {
        try (Connection connection = postgres.connect();
                Statement sql = connection.createStatement()) {
            sql.execute("UPDATE chunks SET lexemes = NULL"); // as migration V10 leaves older rows
        }
        assertThat(search.chunks(dataSource, "team_a", "EADDRINUSE", WordCounts.countedWhenAsked(5), 10))
                .isEmpty();

        LexicalBackfill backfill = new LexicalBackfill();
        int filled = 0;
        for (int round = 0; round < 10 && backfill.fill(dataSource, "team_a", 2) > 0; round++) {
            filled++;
        }

        assertThat(filled).as("rounds of two rows").isEqualTo(3);
        assertThat(first("EADDRINUSE")).isEqualTo("c0");
        assertThat(search.chunks(dataSource, "team_b", "EADDRINUSE", WordCounts.countedWhenAsked(1), 10))
                .as("another tenant's rows wait for their own turn")
                .isEmpty();
    }

    @Test
    void aTenantsCommonWordsAreCountedAheadAndRankAsWordsCountedWhenAsked() throws Exception {
        Map<String, Integer> common = search.commonWords(dataSource, "team_a", "chunks", 2);

        // "task" is in three of team_a's passages, "session" and "list" in two; team_b's row counts for no one else.
        assertThat(common).containsEntry("task", 3).containsEntry("session", 2).containsEntry("list", 2);
        assertThat(common).doesNotContainKeys("directori", "eaddrinus");
        String question = "which task session directory";
        assertThat(search.chunks(dataSource, "team_a", question, new WordCounts(PASSAGES.size(), common), 10))
                .as("the same rank, from counts known ahead")
                .isEqualTo(search.chunks(dataSource, "team_a", question, WordCounts.countedWhenAsked(5), 10));
    }

    @Test
    void aWordKnownToBeInMostRowsIsLeftOutOfTheRank() throws Exception {
        // Known to be in more rows than the search ranks by, "directory" tells nothing apart and no longer lifts c3.
        WordCounts counts = new WordCounts(PASSAGES.size(), Map.of("directori", 1_000));

        assertThat(search.chunks(dataSource, "team_a", "directory", counts, 10)).isEmpty();
        assertThat(first("directory")).isEqualTo("c3");
    }

    @Test
    void aBoundedSearchRanksTheRowsOfItsRarestWordsByAllItsWords() throws Exception {
        String question = "which task session directory";
        WordCounts counts = WordCounts.countedWhenAsked(PASSAGES.size());
        List<ScoredChunk> everyRow = search.chunks(dataSource, "team_a", question, counts, 10);

        // Rarest first: "directory" (one row), "session" (two more, within three rows); "task" (three) is not.
        List<ScoredChunk> bounded = new LexicalSearch(3).chunks(dataSource, "team_a", question, counts, 10);

        assertThat(everyRow).extracting(ScoredChunk::chunkId).containsExactly("c3", "c4", "c2");
        assertThat(bounded)
                .as("the rows holding the rarest words, with the scores all the words give them")
                .containsExactlyElementsOf(
                        everyRow.stream().filter(c -> !c.chunkId().equals("c2")).toList());
    }

    private String first(String question) throws Exception {
        List<ScoredChunk> found =
                search.chunks(dataSource, "team_a", question, WordCounts.countedWhenAsked(PASSAGES.size()), 10);
        assertThat(found).isNotEmpty();
        return found.getFirst().chunkId();
    }
}
