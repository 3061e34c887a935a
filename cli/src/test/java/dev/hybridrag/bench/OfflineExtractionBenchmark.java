package dev.hybridrag.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridrag.core.chunk.Chunk;
import dev.hybridrag.core.chunk.MarkdownChunker;
import dev.hybridrag.core.chunk.TokenCounter;
import dev.hybridrag.core.extract.ChunkExtraction;
import dev.hybridrag.core.extract.offline.HeuristicExtractor;
import dev.hybridrag.core.tenant.ModelSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 3's acceptance for the offline default: with no configuration, the heuristic extractor yields entities and
 * relations for every non-empty document of the corpus. Writes docs/benchmarks/offline-extraction.md. Run with
 * {@code ./hybridrag bench offlineExtraction}.
 */
class OfflineExtractionBenchmark {

    private static final Path CORPUS =
            Path.of(System.getProperty("bench.corpus", "../../shared/corpus/specstory-minsky"));

    @Test
    void everyNonEmptyDocumentYieldsEntitiesAndRelations() throws Exception {
        assertThat(CORPUS).isDirectory();
        ModelSettings offline = ModelSettings.offline();
        MarkdownChunker chunker =
                new MarkdownChunker(new TokenCounter(), offline.chunkTokens(), offline.chunkOverlapTokens());
        HeuristicExtractor extractor = new HeuristicExtractor();
        List<String> rows = new ArrayList<>();
        List<String> empty = new ArrayList<>();
        long chunks = 0;
        long entities = 0;
        long relations = 0;
        long started = System.nanoTime();
        List<Path> files;
        try (Stream<Path> listing = Files.list(CORPUS)) {
            files = listing.filter(f -> f.toString().endsWith(".md")).sorted().toList();
        }
        for (Path file : files) {
            String text = Files.readString(file);
            int docEntities = 0;
            int docRelations = 0;
            List<Chunk> pieces = chunker.split(text);
            for (Chunk chunk : pieces) {
                ChunkExtraction found = extractor.extract(chunk.content());
                docEntities += found.entities().size();
                docRelations += found.relations().size();
            }
            chunks += pieces.size();
            entities += docEntities;
            relations += docRelations;
            if (!text.isBlank() && (docEntities == 0 || docRelations == 0)) {
                empty.add(file.getFileName().toString());
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        rows.add("| documents | " + files.size() + " |");
        rows.add("| chunks (400 tokens, the offline budget) | " + chunks + " |");
        rows.add("| entity mentions | " + entities + " |");
        rows.add("| relation mentions | " + relations + " |");
        rows.add("| non-empty documents without entities or relations | " + empty.size() + " " + empty + " |");
        rows.add("| seconds (chunking and extraction, one thread) | %.1f |".formatted(seconds));
        rows.add("| chunks per second | %.0f |".formatted(chunks / seconds));
        Reports.write("offline-extraction.md", "Offline extraction over the corpus", """
                The heuristic extractor (no key, no network) over every file of
                `../shared/corpus/specstory-minsky`, chunked as the offline default chunks. Run by
                `./hybridrag bench offlineExtraction`. What it extracts, with a sample, is in
                [../offline-extraction.md](../offline-extraction.md).""", rows);
        rows.forEach(System.out::println);
        assertThat(empty).isEmpty();
    }
}
