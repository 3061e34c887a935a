package dev.hybridrag.query.retrieval;

import dev.hybridrag.core.embed.Embedder;
import dev.hybridrag.core.embed.EmbeddingMismatchException;
import dev.hybridrag.core.llm.LlmException;
import dev.hybridrag.core.llm.Reranker;
import dev.hybridrag.core.storage.ChunkRepository;
import dev.hybridrag.core.storage.EmbeddingStates;
import dev.hybridrag.core.storage.EmbeddingStates.StoredModel;
import dev.hybridrag.core.storage.GraphQueries;
import dev.hybridrag.core.storage.LexicalSearch;
import dev.hybridrag.core.storage.ScoredChunk;
import dev.hybridrag.core.storage.ScoredEntity;
import dev.hybridrag.core.storage.ScoredRelation;
import dev.hybridrag.core.storage.VectorScan;
import dev.hybridrag.core.storage.WordCounts;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LightRAG's retrieval modes over one tenant's tables. Each search of chunks, entities or relations is two: by
 * vector and by full text (the words as written), fused by reciprocal rank ({@link RankFusion}); mix fuses the chunks
 * the graph leads to as a third list. docs/retrieval.md says why and what the weights are.
 *
 * <ul>
 *   <li>{@code naive}: the chunks nearest to the question.
 *   <li>{@code local}: entities nearest to the low-level keywords, their strongest relations, and the chunks they
 *       come from.
 *   <li>{@code global}: relations nearest to the high-level keywords, the entities at their ends, and their chunks.
 *   <li>{@code hybrid}: local and global, interleaved; {@code mix}: hybrid, its chunks fused with naive's.
 *   <li>{@code bypass}: nothing; the question goes straight to the LLM.
 * </ul>
 */
public final class Retriever {

    private static final Logger log = LoggerFactory.getLogger(Retriever.class);

    /**
     * Voted chunks the question orders, per chunk returned. Votes alone are a poor cut: a name in hundreds of chunks
     * gives each a sliver, so the chunk about the question, cited by such a name, sorts below chunks cited once by a
     * stray match. The cut is wide so the question, not the votes, decides (5 per chunk: local MRR 0.38 on the
     * SpecStory question set, 20: 0.55, 30: 0.67; docs/benchmarks/qa-eval.md).
     */
    private static final int CANDIDATES_PER_CHUNK = 30;

    private final GraphQueries graph = new GraphQueries();
    private final ChunkRepository chunkVectors = new ChunkRepository();
    private final LexicalSearch lexical;
    private final Side<ScoredEntity> entitySide;
    private final Side<ScoredRelation> relationSide;
    private final ContextBudget budget = new ContextBudget();
    private final EmbeddingStates states = new EmbeddingStates();
    private final RetrievalSettings settings;
    private final TenantSizes sizes;
    private final CommonWords commonWords;

    public Retriever() {
        this(RetrievalSettings.DEFAULTS, Clock.systemUTC());
    }

    public Retriever(RetrievalSettings settings, Clock clock) {
        this.settings = settings;
        this.lexical = settings.lexicalSearch();
        this.entitySide = new Side<>(
                "entities", lexical::entities, graph::nearestEntities, ScoredEntity::key, Retriever::withScore);
        this.relationSide = new Side<>(
                "relations", lexical::relations, graph::nearestRelations, ScoredRelation::key, Retriever::withScore);
        this.sizes = new TenantSizes(clock);
        this.commonWords = new CommonWords(clock);
    }

    /** @param reranker the tenant's reranker, which reorders naive's and mix's fused chunks when present */
    public RetrievedContext retrieve(
            DataSource dataSource,
            String workspace,
            Embedder embedder,
            QueryKeywords.Source keywordSource,
            String query,
            RetrievalOptions options,
            Optional<Reranker> reranker)
            throws Exception {
        if (options.mode().equals("bypass")) {
            return RetrievedContext.empty(new QueryKeywords(options.highLevelKeywords(), options.lowLevelKeywords()));
        }
        // Every search (vector and full-text, over entities, relations and chunks) runs side by side; the embeddings
        // they wait for are most of a query's time.
        Search search = new Search(dataSource, workspace, embedder, new QueryVectors(embedder));
        QueryKeywords keywords;
        Found local;
        Found global;
        List<ScoredChunk> vectorChunks;
        List<ScoredChunk> lexicalChunks;
        try (ExecutorService searches = Executors.newVirtualThreadPerTaskExecutor()) {
            // The chunk searches need no keywords, so they start first: the question is embedded while the keywords
            // are found.
            Future<List<ScoredChunk>> lexicalChunkSearch = searches.submit(() -> options.usesChunkVectors()
                    ? lexical.chunks(dataSource, workspace, query, words(search, "chunks"), options.chunkTopK())
                    : List.of());
            Future<List<ScoredChunk>> chunkSearch = searches.submit(() -> options.usesChunkVectors()
                    ? chunkVectors.nearest(
                            dataSource,
                            workspace,
                            embedder.model(),
                            search.vectors().of(query),
                            options.chunkTopK(),
                            settings.scanFor("chunks", rows(search, "chunks")))
                    : List.of());
            keywords = keywords(keywordSource, query, options);
            Future<Found> localSearch = searches.submit(
                    () -> options.usesEntities() && !keywords.lowLevel().isEmpty()
                            ? local(search, searches, keywords.lowLevelText(), options)
                            : Found.NOTHING);
            Future<Found> globalSearch = searches.submit(
                    () -> options.usesRelations() && !keywords.highLevel().isEmpty()
                            ? global(search, searches, keywords.highLevelText(), options)
                            : Found.NOTHING);
            local = result(localSearch);
            global = result(globalSearch);
            vectorChunks = result(chunkSearch);
            lexicalChunks = result(lexicalChunkSearch);
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
        // mix's own vector and full-text lists already rank by the question, so its graph list is the graph's own
        // evidence, the votes; ordering it by the question too counted the question's similarity twice.
        List<ScoredChunk> graphChunks =
                graphChunks(search, query, entities, relations, options.chunkTopK(), !options.usesChunkVectors());
        List<ScoredChunk> chunks = options.usesChunkVectors()
                ? new RankFusion<ScoredChunk>(settings.fusionK(), ScoredChunk::chunkId)
                        .add(vectorChunks, settings.vectorWeight())
                        .add(lexicalChunks, settings.lexicalWeight())
                        .add(graphChunks, settings.graphWeight())
                        .fused(Retriever::withScore)
                : graphChunks;
        if (options.usesChunkVectors() && reranker.isPresent()) {
            chunks = reranked(reranker.get(), query, top(chunks, settings.rerankCandidates()));
        }
        chunks = top(chunks, options.chunkTopK());
        return budget.fit(new RetrievedContext(entities, relations, chunks, keywords), options, query);
    }

    /** Caller-supplied keywords skip the extraction step; naive needs none at all. */
    private static QueryKeywords keywords(QueryKeywords.Source source, String query, RetrievalOptions options)
            throws Exception {
        return !options.highLevelKeywords().isEmpty()
                        || !options.lowLevelKeywords().isEmpty()
                        || options.mode().equals("naive")
                ? new QueryKeywords(options.highLevelKeywords(), options.lowLevelKeywords())
                : source.of(query);
    }

    /** One query's searches of one tenant: its vectors, and how big it is (which decides how to search it). */
    private record Search(DataSource dataSource, String workspace, Embedder embedder, QueryVectors vectors) {}

    private long rows(Search search, String table) throws SQLException {
        return sizes.rows(
                search.dataSource(),
                search.workspace(),
                table,
                search.embedder().model());
    }

    /** The tenant's rows of the table and the counts of its common words, which full-text ranking weighs by. */
    private WordCounts words(Search search, String table) throws SQLException {
        return commonWords.of(search.dataSource(), search.workspace(), table, rows(search, table));
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

    /**
     * Entities matching the low-level keywords, by vector and by name (full text), fused; and their strongest
     * relations.
     */
    private Found local(Search search, ExecutorService searches, String keywords, RetrievalOptions options)
            throws Exception {
        List<ScoredEntity> entities = fused(search, searches, keywords, options, entitySide);
        return new Found(
                entities,
                graph.relationsOf(
                        search.dataSource(), search.workspace(), keys(entities, ScoredEntity::key), options.topK()));
    }

    /**
     * One side's matches, {@code table}'s rows by words (full text, on another thread) and by vector, fused by
     * reciprocal rank: the same search for entities (local) and relations (global).
     */
    private <T> List<T> fused(
            Search search, ExecutorService searches, String keywords, RetrievalOptions options, Side<T> side)
            throws Exception {
        long rows = rows(search, side.table());
        WordCounts words = words(search, side.table());
        Future<List<T>> worded = searches.submit(
                () -> side.byWords().find(search.dataSource(), search.workspace(), keywords, words, options.topK()));
        List<T> near = side.byVector()
                .find(
                        search.dataSource(),
                        search.workspace(),
                        search.embedder().model(),
                        search.vectors().of(keywords),
                        options.topK(),
                        settings.scanFor(side.table(), rows));
        return top(
                new RankFusion<T>(settings.fusionK(), side.key())
                        .add(near, settings.vectorWeight())
                        .add(result(worded), settings.lexicalWeight())
                        .fused(side.withScore()),
                options.topK());
    }

    /** What differs between the entity and the relation search: the table, its two searches, its key and score. */
    private record Side<T>(
            String table,
            ByWords<T> byWords,
            ByVector<T> byVector,
            Function<T, String> key,
            BiFunction<T, Double, T> withScore) {}

    /** A full-text search of one table ({@link LexicalSearch}). */
    @FunctionalInterface
    private interface ByWords<T> {
        List<T> find(DataSource data, String workspace, String question, WordCounts words, int limit)
                throws SQLException;
    }

    /** A vector search of one table ({@link GraphQueries}). */
    @FunctionalInterface
    private interface ByVector<T> {
        List<T> find(DataSource data, String workspace, String model, float[] query, int limit, VectorScan scan)
                throws SQLException;
    }

    /** Relations matching the high-level keywords, by vector and by words (full text), fused; and their ends. */
    private Found global(Search search, ExecutorService searches, String keywords, RetrievalOptions options)
            throws Exception {
        List<ScoredRelation> relations = fused(search, searches, keywords, options, relationSide);
        Set<String> ends = new LinkedHashSet<>();
        relations.forEach(r -> {
            ends.add(r.sourceKey());
            ends.add(r.targetKey());
        });
        // In the order the relations were found, so the best relation's ends come first.
        List<String> order = List.copyOf(ends);
        List<ScoredEntity> entities = graph.entities(search.dataSource(), search.workspace(), ends).stream()
                .sorted(Comparator.comparingInt(entity -> order.indexOf(entity.key())))
                .toList();
        return new Found(entities, relations);
    }

    /**
     * The candidates in the reranker's order, scored by it. A reranker that fails (after its retries) costs the
     * query its reordering, not its answer: the fused order stands.
     */
    private static List<ScoredChunk> reranked(Reranker reranker, String query, List<ScoredChunk> candidates) {
        List<Double> relevance;
        try {
            relevance = reranker.relevance(
                    query, candidates.stream().map(ScoredChunk::content).toList());
        } catch (LlmException e) {
            log.warn("rerank failed, keeping the fused order: {}", e.getMessage());
            return candidates;
        }
        List<ScoredChunk> scored = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            scored.add(withScore(candidates.get(i), relevance.get(i)));
        }
        scored.sort(Comparator.comparingDouble(ScoredChunk::score).reversed());
        return scored;
    }

    private static <T> List<T> top(List<T> ranked, int limit) {
        return ranked.subList(0, Math.min(ranked.size(), limit));
    }

    private static ScoredChunk withScore(ScoredChunk c, double score) {
        return new ScoredChunk(c.path(), c.chunkId(), c.content(), c.tokens(), score);
    }

    private static ScoredEntity withScore(ScoredEntity e, double score) {
        return new ScoredEntity(e.key(), e.name(), e.type(), e.description(), e.weight(), e.sourceChunks(), score);
    }

    private static ScoredRelation withScore(ScoredRelation r, double score) {
        return new ScoredRelation(
                r.key(),
                r.source(),
                r.target(),
                r.sourceKey(),
                r.targetKey(),
                r.keywords(),
                r.description(),
                r.weight(),
                r.sourceChunks(),
                score);
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
     * The chunks the retrieved entities and relations come from. Votes (each match's rank, shared among the chunks it
     * cites) pick the candidates; {@code byQuestion}, the question orders them: the votes' ranking fused with the
     * candidates' ranking by vector and by words, so of the chunks the graph leads to, the one about the question
     * comes first rather than the one that mentions the most matched names (docs/retrieval.md has the measurements).
     * Without it, the votes alone order them (mix, whose other lists are the question's).
     */
    private List<ScoredChunk> graphChunks(
            Search search,
            String query,
            List<ScoredEntity> entities,
            List<ScoredRelation> relations,
            int limit,
            boolean byQuestion)
            throws Exception {
        Map<String, Double> votes = new LinkedHashMap<>();
        for (int i = 0; i < entities.size(); i++) {
            vote(votes, entities.get(i).sourceChunks(), i);
        }
        for (int i = 0; i < relations.size(); i++) {
            vote(votes, relations.get(i).sourceChunks(), i);
        }
        List<String> candidates = votes.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry::getKey))
                .limit((long) limit * CANDIDATES_PER_CHUNK)
                .map(Map.Entry::getKey)
                .toList();
        if (candidates.isEmpty()) {
            return List.of();
        }
        if (!byQuestion) {
            return firstStored(search, candidates, votes, limit);
        }
        List<ScoredChunk> near;
        List<ScoredChunk> worded;
        try (ExecutorService searches = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<List<ScoredChunk>> byWords = searches.submit(() -> lexical.chunksAmong(
                    search.dataSource(), search.workspace(), query, words(search, "chunks"), candidates));
            near = graph.chunksNear(
                    search.dataSource(),
                    search.workspace(),
                    search.embedder().model(),
                    search.vectors().of(query),
                    candidates);
            worded = result(byWords);
        }
        Map<String, ScoredChunk> byId = new LinkedHashMap<>();
        near.forEach(chunk -> byId.put(chunk.chunkId(), chunk));
        List<ScoredChunk> voted = candidates.stream()
                .filter(byId::containsKey)
                .map(id -> withScore(byId.get(id), votes.get(id)))
                .toList();
        List<ScoredChunk> similar =
                near.stream().filter(chunk -> !Double.isNaN(chunk.score())).toList();
        return top(
                new RankFusion<ScoredChunk>(settings.fusionK(), ScoredChunk::chunkId)
                        .add(voted, settings.voteWeight())
                        .add(similar, settings.vectorWeight())
                        .add(worded, settings.lexicalWeight())
                        .fused(Retriever::withScore),
                limit);
    }

    /**
     * The first {@code limit} candidates, in the votes' order, that are still stored (a match may cite a chunk
     * since replaced): read {@code limit} at a time, so mix reads the 20 chunks it returns, not all 600 candidates
     * and their vectors.
     */
    private List<ScoredChunk> firstStored(Search search, List<String> candidates, Map<String, Double> votes, int limit)
            throws SQLException {
        List<ScoredChunk> stored = new ArrayList<>();
        for (int from = 0; from < candidates.size() && stored.size() < limit; from += limit) {
            List<String> batch = candidates.subList(from, Math.min(candidates.size(), from + limit));
            Map<String, ScoredChunk> byId = new LinkedHashMap<>();
            graph.chunks(search.dataSource(), search.workspace(), batch)
                    .forEach(chunk -> byId.put(chunk.chunkId(), chunk));
            batch.stream()
                    .filter(byId::containsKey)
                    .map(id -> withScore(byId.get(id), votes.get(id)))
                    .forEach(stored::add);
        }
        return top(stored, limit);
    }

    /**
     * One match's vote, by its rank, shared among the chunks it cites: a name mentioned in 500 chunks says little
     * about any one of them, a name from one chunk points straight at it (docs/retrieval.md has the measurement).
     */
    private static void vote(Map<String, Double> votes, List<String> sourceChunks, int rank) {
        double weight = 1.0 / (rank + 1) / Math.max(1, sourceChunks.size());
        sourceChunks.forEach(id -> votes.merge(id, weight, Double::sum));
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
