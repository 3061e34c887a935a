package dev.hybridrag.query.retrieval;

import dev.hybridrag.core.embed.Embedder;
import dev.hybridrag.core.embed.EmbeddingMismatchException;
import dev.hybridrag.core.storage.ChunkRepository;
import dev.hybridrag.core.storage.EmbeddingStates;
import dev.hybridrag.core.storage.EmbeddingStates.StoredModel;
import dev.hybridrag.core.storage.GraphQueries;
import dev.hybridrag.core.storage.ScoredChunk;
import dev.hybridrag.core.storage.ScoredEntity;
import dev.hybridrag.core.storage.ScoredRelation;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
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
    private final EmbeddingStates states = new EmbeddingStates();

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
        // The local, global and chunk searches do not depend on one another, so they run side by side; the
        // embeddings they wait for are most of a query's time.
        QueryVectors vectors = new QueryVectors(embedder);
        Found local;
        Found global;
        List<ScoredChunk> vectorChunks;
        try (ExecutorService searches = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Found> localSearch = searches.submit(() -> options.usesEntities()
                            && !keywords.lowLevel().isEmpty()
                    ? local(dataSource, workspace, embedder.model(), vectors.of(keywords.lowLevelText()), options)
                    : Found.NOTHING);
            Future<Found> globalSearch = searches.submit(() -> options.usesRelations()
                            && !keywords.highLevel().isEmpty()
                    ? global(dataSource, workspace, embedder.model(), vectors.of(keywords.highLevelText()), options)
                    : Found.NOTHING);
            Future<List<ScoredChunk>> chunkSearch = searches.submit(() -> options.usesChunkVectors()
                    ? chunkVectors.nearest(
                            dataSource, workspace, embedder.model(), vectors.of(query), options.chunkTopK())
                    : List.of());
            local = result(localSearch);
            global = result(globalSearch);
            vectorChunks = result(chunkSearch);
        }
        boolean searched = options.usesChunkVectors()
                || (options.usesEntities() && !keywords.lowLevel().isEmpty())
                || (options.usesRelations() && !keywords.highLevel().isEmpty());
        if (searched
                && vectorChunks.isEmpty()
                && local.entities().isEmpty()
                && global.relations().isEmpty()) {
            requireVectorsOf(dataSource, workspace, embedder);
        }
        List<ScoredEntity> entities = interleave(local.entities(), global.entities(), ScoredEntity::key);
        List<ScoredRelation> relations = interleave(local.relations(), global.relations(), ScoredRelation::key);
        List<ScoredChunk> graphChunks = graphChunks(dataSource, workspace, entities, relations, options.chunkTopK());
        List<ScoredChunk> chunks = interleave(vectorChunks, graphChunks, ScoredChunk::chunkId);
        chunks = chunks.subList(0, Math.min(chunks.size(), options.chunkTopK()));
        return budget.fit(new RetrievedContext(entities, relations, chunks, keywords), options, query);
    }

    /**
     * Nothing found may be an honest answer, or vectors in another model or dimension than the question's, which
     * no search can match: say so rather than answer from nothing.
     */
    private void requireVectorsOf(DataSource dataSource, String workspace, Embedder embedder) throws SQLException {
        List<StoredModel> stored = states.storedModels(dataSource, workspace);
        boolean matching = stored.stream()
                .anyMatch(s -> s.model().equals(embedder.model()) && s.dimension() == embedder.dimension());
        if (stored.isEmpty() || matching) {
            return;
        }
        throw new EmbeddingMismatchException("this tenant's vectors are in "
                + stored.stream().map(StoredModel::describe).collect(Collectors.joining(", "))
                + ", but the question was embedded with " + embedder.model() + " (" + embedder.dimension()
                + " dimensions), so no search can match them. After a change of embedding model the indexer"
                + " re-embeds the tenant (progress: `hybridrag tenant stats`); check the tenant's embedding"
                + " settings if none is under way.");
    }

    /** Entities and relations one side of the graph search found, best first. */
    private record Found(List<ScoredEntity> entities, List<ScoredRelation> relations) {
        static final Found NOTHING = new Found(List.of(), List.of());
    }

    /** Entities nearest to the low-level keywords, and their strongest relations. */
    private Found local(DataSource dataSource, String workspace, String model, float[] vector, RetrievalOptions options)
            throws Exception {
        List<ScoredEntity> entities = graph.nearestEntities(dataSource, workspace, model, vector, options.topK());
        return new Found(
                entities, graph.relationsOf(dataSource, workspace, keys(entities, ScoredEntity::key), options.topK()));
    }

    /** Relations nearest to the high-level keywords, and the entities at their ends. */
    private Found global(
            DataSource dataSource, String workspace, String model, float[] vector, RetrievalOptions options)
            throws Exception {
        List<ScoredRelation> relations = graph.nearestRelations(dataSource, workspace, model, vector, options.topK());
        Set<String> ends = new LinkedHashSet<>();
        relations.forEach(r -> {
            ends.add(r.sourceKey());
            ends.add(r.targetKey());
        });
        // In the order the relations were found, so the best relation's ends come first.
        List<String> order = List.copyOf(ends);
        List<ScoredEntity> entities = graph.entities(dataSource, workspace, ends).stream()
                .sorted(Comparator.comparingInt(entity -> order.indexOf(entity.key())))
                .toList();
        return new Found(entities, relations);
    }

    private static <T> T result(Future<T> search) throws Exception {
        try {
            return search.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException c ? c.getCause() : e.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            throw (Error) cause;
        }
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
