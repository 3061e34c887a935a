package dev.hybridrag.query.retrieval;

import dev.hybridrag.core.embed.Embedder;
import dev.hybridrag.core.storage.ChunkRepository;
import dev.hybridrag.core.storage.GraphQueries;
import dev.hybridrag.core.storage.ScoredChunk;
import dev.hybridrag.core.storage.ScoredEntity;
import dev.hybridrag.core.storage.ScoredRelation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * LightRAG's retrieval modes over one tenant's tables.
 *
 * <ul>
 *   <li>{@code naive}: the chunks nearest to the question.
 *   <li>{@code local}: entities nearest to the low-level keywords, their strongest relations, and the chunks they
 *       come from.
 *   <li>{@code global}: relations nearest to the high-level keywords, the entities at their ends, and their chunks.
 *   <li>{@code hybrid}: local and global, interleaved; {@code mix}: hybrid plus naive chunks, interleaved.
 *   <li>{@code bypass}: nothing; the question goes straight to the LLM.
 * </ul>
 */
public final class Retriever {

    private final GraphQueries graph = new GraphQueries();
    private final ChunkRepository chunkVectors = new ChunkRepository();
    private final ContextBudget budget = new ContextBudget();

    public RetrievedContext retrieve(
            DataSource dataSource,
            String workspace,
            Embedder embedder,
            QueryKeywords.Source keywordSource,
            String query,
            RetrievalOptions options)
            throws Exception {
        if (options.mode().equals("bypass")) {
            return RetrievedContext.empty(new QueryKeywords(options.highLevelKeywords(), options.lowLevelKeywords()));
        }
        // Caller-supplied keywords skip the extraction step; naive needs none at all.
        QueryKeywords keywords = !options.highLevelKeywords().isEmpty()
                        || !options.lowLevelKeywords().isEmpty()
                        || options.mode().equals("naive")
                ? new QueryKeywords(options.highLevelKeywords(), options.lowLevelKeywords())
                : keywordSource.of(query);
        List<ScoredEntity> localEntities = List.of();
        List<ScoredRelation> localRelations = List.of();
        if (options.usesEntities() && !keywords.lowLevel().isEmpty()) {
            localEntities = graph.nearestEntities(
                    dataSource,
                    workspace,
                    embedder.model(),
                    embedder.embedQuery(keywords.lowLevelText()),
                    options.topK());
            localRelations =
                    graph.relationsOf(dataSource, workspace, keys(localEntities, ScoredEntity::key), options.topK());
        }
        List<ScoredRelation> globalRelations = List.of();
        List<ScoredEntity> globalEntities = List.of();
        if (options.usesRelations() && !keywords.highLevel().isEmpty()) {
            globalRelations = graph.nearestRelations(
                    dataSource,
                    workspace,
                    embedder.model(),
                    embedder.embedQuery(keywords.highLevelText()),
                    options.topK());
            Set<String> ends = new LinkedHashSet<>();
            globalRelations.forEach(r -> {
                ends.add(r.sourceKey());
                ends.add(r.targetKey());
            });
            // In the order the relations were found, so the best relation's ends come first.
            List<String> order = List.copyOf(ends);
            globalEntities = graph.entities(dataSource, workspace, ends).stream()
                    .sorted(Comparator.comparingInt(entity -> order.indexOf(entity.key())))
                    .toList();
        }
        List<ScoredEntity> entities = interleave(localEntities, globalEntities, ScoredEntity::key);
        List<ScoredRelation> relations = interleave(localRelations, globalRelations, ScoredRelation::key);
        List<ScoredChunk> graphChunks = graphChunks(dataSource, workspace, entities, relations, options.chunkTopK());
        List<ScoredChunk> vectorChunks = options.usesChunkVectors()
                ? chunkVectors.nearest(
                        dataSource, workspace, embedder.model(), embedder.embedQuery(query), options.chunkTopK())
                : List.of();
        List<ScoredChunk> chunks = interleave(vectorChunks, graphChunks, ScoredChunk::chunkId);
        chunks = chunks.subList(0, Math.min(chunks.size(), options.chunkTopK()));
        return budget.fit(new RetrievedContext(entities, relations, chunks, keywords), options, query);
    }

    /**
     * The chunks the retrieved entities and relations come from, ranked by how many of them (weighted by their
     * rank) cite each chunk: a chunk behind several of the best matches comes first.
     */
    private List<ScoredChunk> graphChunks(
            DataSource dataSource,
            String workspace,
            List<ScoredEntity> entities,
            List<ScoredRelation> relations,
            int limit)
            throws Exception {
        Map<String, Double> votes = new LinkedHashMap<>();
        for (int i = 0; i < entities.size(); i++) {
            double weight = 1.0 / (i + 1);
            entities.get(i).sourceChunks().forEach(id -> votes.merge(id, weight, Double::sum));
        }
        for (int i = 0; i < relations.size(); i++) {
            double weight = 1.0 / (i + 1);
            relations.get(i).sourceChunks().forEach(id -> votes.merge(id, weight, Double::sum));
        }
        List<String> ranked = votes.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry::getKey))
                .limit(limit)
                .map(Map.Entry::getKey)
                .toList();
        if (ranked.isEmpty()) {
            return List.of();
        }
        Map<String, ScoredChunk> byId = new LinkedHashMap<>();
        for (ScoredChunk chunk : graph.chunks(dataSource, workspace, ranked)) {
            byId.put(
                    chunk.chunkId(),
                    new ScoredChunk(
                            chunk.path(),
                            chunk.chunkId(),
                            chunk.content(),
                            chunk.tokens(),
                            Math.round(votes.get(chunk.chunkId()) * 10_000) / 10_000.0));
        }
        return ranked.stream().filter(byId::containsKey).map(byId::get).toList();
    }

    /** First of a, first of b, second of a, ... without duplicates: LightRAG's round-robin merge. */
    static <T> List<T> interleave(List<T> a, List<T> b, Function<T, String> key) {
        Map<String, T> merged = new LinkedHashMap<>();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            if (i < a.size()) {
                merged.putIfAbsent(key.apply(a.get(i)), a.get(i));
            }
            if (i < b.size()) {
                merged.putIfAbsent(key.apply(b.get(i)), b.get(i));
            }
        }
        return new ArrayList<>(merged.values());
    }

    private static <T> List<String> keys(List<T> records, Function<T, String> key) {
        return records.stream().map(key).toList();
    }
}
