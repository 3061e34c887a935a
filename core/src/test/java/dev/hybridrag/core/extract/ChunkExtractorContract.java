package dev.hybridrag.core.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ChunkExtractor} promises, run by each implementation's own test: it names what it is for the LLM
 * cache, finds the named things of a chunk with a type and a description, relates only things it found, gives the
 * same answer for the same chunk (the cache relies on it), and finds nothing in an empty chunk.
 */
public abstract class ChunkExtractorContract {

    protected static final String CHUNK = """
            ## Ingestion

            The Watcher publishes file events to Kafka. The Extractor reads them from Kafka and calls Ollama.
            The Indexer writes every chunk to PostgreSQL.
            """;

    /** The extractor under test. */
    protected abstract ChunkExtractor extractor();

    @Test
    void findsTheNamedThingsOfAChunkAndRelatesOnlyThose() throws Exception {
        ChunkExtraction found = extractor().extract(CHUNK);

        assertThat(found.entities()).isNotEmpty();
        assertThat(found.entities()).allSatisfy(entity -> {
            assertThat(entity.name()).isNotBlank();
            assertThat(entity.type()).isNotBlank();
            assertThat(entity.description()).isNotBlank();
        });
        assertThat(keys(found)).contains("kafka", "postgresql");
        assertThat(found.relations()).allSatisfy(relation -> {
            assertThat(keys(found)).contains(EntityNames.key(relation.source()), EntityNames.key(relation.target()));
            assertThat(EntityNames.key(relation.source())).isNotEqualTo(EntityNames.key(relation.target()));
        });
    }

    @Test
    void theSameChunkGivesTheSameExtraction() throws Exception {
        assertThat(extractor().extract(CHUNK)).isEqualTo(extractor().extract(CHUNK));
        assertThat(extractor().cacheIdentity())
                .isNotBlank()
                .isEqualTo(extractor().cacheIdentity());
    }

    @Test
    void anEmptyChunkHoldsNothing() throws Exception {
        ChunkExtraction found = extractor().extract("");

        assertThat(found.entities()).isEmpty();
        assertThat(found.relations()).isEmpty();
    }

    private static Set<String> keys(ChunkExtraction found) {
        return found.entities().stream()
                .map(entity -> EntityNames.key(entity.name()))
                .collect(Collectors.toSet());
    }
}
