package dev.hybridrag.extractor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hybridrag.core.chunk.Chunk;
import dev.hybridrag.core.extract.ChunkExtraction;
import dev.hybridrag.core.extract.ChunkExtractor;
import dev.hybridrag.core.kafka.Failures;
import dev.hybridrag.core.llm.LlmException;
import dev.hybridrag.core.storage.Databases;
import dev.hybridrag.core.storage.SchemaMigrator;
import dev.hybridrag.core.testing.TestPostgres;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

/**
 * A chunk whose extraction fails for a reason of its own fails alone (the document ends failed, naming it); one that
 * fails because PostgreSQL is away (its spend-ledger line could not be written during a restart) is no reason to fail
 * the document: the record is retried once the database is back. The chaos benchmark found the second case failing
 * a document.
 */
class ChunkExtractionsIT {

    private TestPostgres postgres;
    private final Databases databases = new Databases(2);
    private DataSource dataSource;

    @BeforeEach
    void database() throws Exception {
        postgres = new TestPostgres();
        dataSource = databases.dataSource(postgres.settings());
        SchemaMigrator.migrate(dataSource);
    }

    @AfterEach
    void drop() throws Exception {
        databases.close();
        postgres.close();
    }

    @Test
    void aChunkTheProviderRefusesFailsAloneAndTheOthersAreKept() throws Exception {
        ChunkExtractions.Result result = extractWith(new FailingOn(
                "second", new LlmException(LlmException.Kind.REJECTED, "400 Bad Request: context too long")));

        assertThat(result.byChunk()).containsOnlyKeys("c1", "c3");
        assertThat(result.failedChunks()).containsExactly("c2");
        assertThat(result.failures())
                .singleElement()
                .asString()
                .contains("chunk 1")
                .contains("context too long");
    }

    @Test
    void aChunkThatCannotReachTheDatabaseMakesTheRecordWaitInsteadOfFailing() {
        LlmException ledgerAway = new LlmException(
                LlmException.Kind.REFUSED_LOCALLY,
                "could not begin the tenant's LLM spend ledger: An I/O error occurred while sending to the backend",
                null,
                new PSQLException("An I/O error occurred while sending to the backend", PSQLState.CONNECTION_FAILURE));

        assertThatThrownBy(() -> extractWith(new FailingOn("second", ledgerAway)))
                .isSameAs(ledgerAway)
                .satisfies(error -> assertThat(Failures.isTransient(error)).isTrue());
    }

    private ChunkExtractions.Result extractWith(ChunkExtractor extractor) throws Exception {
        List<Chunk> chunks = List.of(
                new Chunk("c1", 0, "the first chunk", 3),
                new Chunk("c2", 1, "the second chunk", 3),
                new Chunk("c3", 2, "the third chunk", 3));
        Supersession never = new Supersession(dataSource, "docs", "notes.md", 1);
        return new ChunkExtractions().extract(dataSource, "docs", extractor, chunks, 2, never);
    }

    /** Finds nothing in every chunk but the one containing {@code word}, where it throws {@code error}. */
    private record FailingOn(String word, Exception error) implements ChunkExtractor {
        @Override
        public String cacheIdentity() {
            return "failing-on-" + word;
        }

        @Override
        public ChunkExtraction extract(String chunk) throws Exception {
            if (chunk.contains(word)) {
                throw error;
            }
            return ChunkExtraction.empty();
        }
    }
}
