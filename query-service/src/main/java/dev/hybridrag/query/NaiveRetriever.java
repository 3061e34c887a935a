package dev.hybridrag.query;

import dev.hybridrag.core.embed.Embedder;
import dev.hybridrag.core.storage.ChunkRepository;
import dev.hybridrag.core.storage.ScoredChunk;
import dev.hybridrag.core.tenant.TenantConfig;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.sql.DataSource;

/** naive mode: the chunks nearest to the query, grouped into numbered references by file. */
final class NaiveRetriever {

    private final Function<TenantConfig, Embedder> embedders;
    private final ChunkRepository chunks = new ChunkRepository();
    private final Function<TenantConfig, DataSource> dataSources;

    NaiveRetriever(Function<TenantConfig, Embedder> embedders, Function<TenantConfig, DataSource> dataSources) {
        this.embedders = embedders;
        this.dataSources = dataSources;
    }

    QueryResponse retrieve(TenantConfig tenant, QueryRequest request) throws SQLException {
        Embedder embedder = embedders.apply(tenant);
        float[] vector = embedder.embedQuery(request.query());
        List<ScoredChunk> found =
                chunks.nearest(dataSources.apply(tenant), tenant.workspace(), embedder.model(), vector, request.topK());
        Map<String, Integer> numbers = new LinkedHashMap<>();
        Map<String, List<String>> chunkIdsByFile = new LinkedHashMap<>();
        List<QueryResponse.ContextChunk> context = new ArrayList<>();
        for (ScoredChunk chunk : found) {
            int number = numbers.computeIfAbsent(chunk.path(), path -> numbers.size() + 1);
            chunkIdsByFile
                    .computeIfAbsent(chunk.path(), path -> new ArrayList<>())
                    .add(chunk.chunkId());
            context.add(new QueryResponse.ContextChunk(
                    number, chunk.path(), chunk.chunkId(), round(chunk.score()), chunk.content()));
        }
        List<QueryResponse.Reference> references = new ArrayList<>();
        for (ScoredChunk chunk : found) {
            if (references.size() < numbers.get(chunk.path())) {
                references.add(new QueryResponse.Reference(
                        numbers.get(chunk.path()),
                        chunk.path(),
                        chunk.chunkId(),
                        round(chunk.score()),
                        chunkIdsByFile.get(chunk.path())));
            }
        }
        String answer = request.onlyNeedContext() ? "" : ExtractiveAnswer.compose(context);
        return new QueryResponse(answer, request.mode(), references, new QueryResponse.Context(context));
    }

    private static double round(double score) {
        return Math.round(score * 10_000) / 10_000.0;
    }
}
