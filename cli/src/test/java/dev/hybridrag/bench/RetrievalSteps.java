package dev.hybridrag.bench;

import dev.hybridrag.core.embed.Embedder;
import dev.hybridrag.core.extract.ChunkExtractor;
import dev.hybridrag.core.extract.ExtractedEntity;
import dev.hybridrag.core.storage.ChunkRepository;
import dev.hybridrag.core.storage.GraphQueries;
import dev.hybridrag.core.storage.LexicalSearch;
import dev.hybridrag.core.storage.ScoredEntity;
import dev.hybridrag.core.storage.ScoredRelation;
import dev.hybridrag.core.storage.VectorScan;
import dev.hybridrag.core.storage.WordCounts;
import dev.hybridrag.query.retrieval.CommonWords;
import dev.hybridrag.query.retrieval.QueryKeywords;
import dev.hybridrag.query.retrieval.RetrievalOptions;
import dev.hybridrag.query.retrieval.RetrievalSettings;
import dev.hybridrag.query.retrieval.Retriever;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The steps of a mix-mode retrieval timed one by one, in one thread, with LightRAG's default sizes (40 entities
 * and relations, 20 chunks): where a request's time goes, apart from HTTP, JSON and token budgets.
 */
final class RetrievalSteps {

    // The tenant is far above the exact-search size: each table's index at the service's candidate list.
    private static final VectorScan CHUNK_SCAN = VectorScan.index(RetrievalSettings.DEFAULTS.efSearch("chunks"));
    private static final VectorScan ENTITY_SCAN = VectorScan.index(RetrievalSettings.DEFAULTS.efSearch("entities"));
    private static final VectorScan RELATION_SCAN = VectorScan.index(RetrievalSettings.DEFAULTS.efSearch("relations"));
    private static final RetrievalOptions MIX =
            new RetrievalOptions("mix", 40, 20, 6000, 8000, 30000, List.of(), List.of());

    private final DataSource dataSource;
    private final String workspace;
    private final Embedder embedder;
    private final ChunkExtractor names;
    private final GraphQueries graph = new GraphQueries();
    private final ChunkRepository chunks = new ChunkRepository();
    private final LexicalSearch lexical = new LexicalSearch();
    private final Retriever retriever = new Retriever();
    private final Map<String, List<Double>> millis = new LinkedHashMap<>();

    RetrievalSteps(DataSource dataSource, String workspace, Embedder embedder, ChunkExtractor names) {
        this.dataSource = dataSource;
        this.workspace = workspace;
        this.embedder = embedder;
        this.names = names;
    }

    /** Median milliseconds of each step over these questions. */
    Map<String, Double> medians(List<String> questions) throws Exception {
        long rows = chunks.countVectors(dataSource, workspace, "chunks", embedder.model());
        WordCounts countedWhenAsked = WordCounts.countedWhenAsked(rows);
        WordCounts countedAhead =
                new WordCounts(rows, lexical.commonWords(dataSource, workspace, "chunks", CommonWords.MIN_ROWS));
        for (String question : questions) {
            List<String> found = time(
                    "find names in the question (heuristic extractor)",
                    () -> names.extract(question).entities().stream()
                            .map(ExtractedEntity::name)
                            .toList());
            String lowLevel = found.isEmpty() ? question : String.join(", ", found);
            float[] lowVector =
                    time("embed the low-level keywords (offline model)", () -> embedder.embedQuery(lowLevel));
            float[] questionVector = time("embed the question (offline model)", () -> embedder.embedQuery(question));
            List<ScoredEntity> entities = time(
                    "nearest 40 entities (HNSW)",
                    () -> graph.nearestEntities(dataSource, workspace, embedder.model(), lowVector, 40, ENTITY_SCAN));
            List<String> keys = entities.stream().map(ScoredEntity::key).toList();
            time("relations of those entities", () -> graph.relationsOf(dataSource, workspace, keys, 40));
            List<ScoredRelation> relations = time(
                    "nearest 40 relations (HNSW)",
                    () -> graph.nearestRelations(
                            dataSource, workspace, embedder.model(), questionVector, 40, RELATION_SCAN));
            Set<String> ends = new LinkedHashSet<>();
            relations.forEach(r -> {
                ends.add(r.sourceKey());
                ends.add(r.targetKey());
            });
            time("entities at those relations' ends", () -> graph.entities(dataSource, workspace, ends));
            Set<String> sources = new LinkedHashSet<>();
            entities.forEach(e -> sources.addAll(e.sourceChunks()));
            relations.forEach(r -> sources.addAll(r.sourceChunks()));
            List<String> cited = new ArrayList<>(sources).subList(0, Math.min(20, sources.size()));
            time("20 chunks by id", () -> graph.chunks(dataSource, workspace, cited));
            time(
                    "nearest 20 chunks (HNSW)",
                    () -> chunks.nearest(dataSource, workspace, embedder.model(), questionVector, 20, CHUNK_SCAN));
            time(
                    "full-text 20 chunks, every word counted when asked (before CommonWords)",
                    () -> lexical.chunks(dataSource, workspace, question, countedWhenAsked, 20));
            time(
                    "full-text 20 chunks, common words counted ahead (CommonWords)",
                    () -> lexical.chunks(dataSource, workspace, question, countedAhead, 20));
            time(
                    "the whole mix retrieval as the query-service runs it (Retriever, token budgets included)",
                    () -> retriever.retrieve(
                            dataSource,
                            workspace,
                            embedder,
                            QueryKeywords.offline(names),
                            question,
                            MIX,
                            Optional.empty()));
        }
        Map<String, Double> medians = new LinkedHashMap<>();
        millis.forEach((step, values) ->
                medians.put(step, values.stream().sorted().toList().get(values.size() / 2)));
        return medians;
    }

    @FunctionalInterface
    private interface Step<T> {
        T run() throws Exception;
    }

    private <T> T time(String step, Step<T> work) throws Exception {
        long started = System.nanoTime();
        T result = work.run();
        millis.computeIfAbsent(step, s -> new ArrayList<>()).add((System.nanoTime() - started) / 1e6);
        return result;
    }
}
