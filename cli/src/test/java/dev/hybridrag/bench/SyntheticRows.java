package dev.hybridrag.bench;

import dev.hybridrag.core.chunk.ContentHash;
import dev.hybridrag.core.chunk.TokenCounter;
import dev.hybridrag.core.embed.OfflineEmbedder;
import dev.hybridrag.core.extract.offline.HeuristicExtractor;
import java.sql.Connection;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * A synthetic graph's rows, written with COPY in the order the foreign keys need: documents and chunks, then the
 * fragments that cite chunks, then entities and relations with their source chunks and files.
 */
final class SyntheticRows {

    private final Connection connection;
    private final String workspace;
    private final SyntheticGraph graph;
    private final long seed;
    private final String[] chunkIds;

    SyntheticRows(Connection connection, String workspace, SyntheticGraph graph, long seed) {
        this.connection = connection;
        this.workspace = workspace;
        this.graph = graph;
        this.seed = seed;
        this.chunkIds = new String[graph.chunkCount()];
    }

    void documentsAndChunks() throws Exception {
        try (CopyRows documents = new CopyRows(
                connection,
                "documents",
                "workspace, path, content_hash, size_bytes, mtime, version, status, chunk_count")) {
            for (int d = 0; d < graph.chunkCount() / SyntheticGraph.CHUNKS_PER_DOCUMENT; d++) {
                String path = path(graph, d * SyntheticGraph.CHUNKS_PER_DOCUMENT);
                documents.text(workspace).text(path).text(ContentHash.of(path)).number(0);
                documents.text("2026-11-01 00:00:00+00").number(1).text("processed");
                documents.number(SyntheticGraph.CHUNKS_PER_DOCUMENT).endRow();
            }
        }
        TokenCounter tokens = new TokenCounter();
        try (CopyRows chunks = new CopyRows(
                connection,
                "chunks",
                "workspace, path, chunk_id, chunk_index, content, tokens, embedding_model, embedding_dim,"
                        + " embedding, keywords, extractor")) {
            for (int c = 0; c < chunkIds.length; c++) {
                SyntheticGraph.Topic topic = graph.topics.get(c / SyntheticGraph.CHUNKS_PER_TOPIC);
                List<String> names = graph.mentions.get(c).stream()
                        .map(id -> graph.entities.get(id).name())
                        .toList();
                String content = new SyntheticText(new SplittableRandom(seed ^ c), topic.words()).chunk(names);
                chunkIds[c] = ContentHash.chunkId(content);
                chunks.text(workspace).text(path(graph, c)).text(chunkIds[c]);
                chunks.number(c % SyntheticGraph.CHUNKS_PER_DOCUMENT)
                        .text(content)
                        .number(tokens.count(content));
                chunks.text(OfflineEmbedder.MODEL).number(384).vector(graph.near(topic.centroid()));
                chunks.text(String.join(", ", topic.words())).text(HeuristicExtractor.CACHE_IDENTITY);
                chunks.endRow();
            }
        }
        try (Statement sql = connection.createStatement()) {
            sql.execute("UPDATE documents d SET size_bytes = s.bytes FROM (SELECT path, sum(octet_length(content))"
                    + " AS bytes FROM chunks GROUP BY path) s WHERE d.path = s.path");
        }
    }

    void fragments() throws Exception {
        try (CopyRows fragments = new CopyRows(
                connection,
                "fragments",
                "workspace, path, chunk_id, kind, key, name, target, type, description, keywords, weight")) {
            for (SyntheticGraph.Entity entity : graph.entities) {
                for (int chunk : entity.chunks()) {
                    fragments
                            .text(workspace)
                            .text(path(graph, chunk))
                            .text(chunkIds[chunk])
                            .text("entity");
                    fragments.text(entity.key()).text(entity.name()).text("").text(entity.type());
                    fragments.text(entity.description()).text("").number(1).endRow();
                }
            }
            for (SyntheticGraph.Relation relation : graph.relations) {
                for (int chunk : relation.chunks()) {
                    fragments
                            .text(workspace)
                            .text(path(graph, chunk))
                            .text(chunkIds[chunk])
                            .text("relation");
                    fragments.text(relation.key()).text(relation.source().name());
                    fragments.text(relation.target().name()).text("").text(relation.description());
                    fragments.text(relation.keywords()).number(relation.weight() / relation.chunks().length);
                    fragments.endRow();
                }
            }
        }
    }

    void entities() throws Exception {
        try (CopyRows entities = new CopyRows(
                connection,
                "entities",
                "workspace, key, name, type, description, weight, fragment_count, source_chunks, source_files,"
                        + " embedded_hash, embedding_model, embedding_dim, embedding")) {
            for (SyntheticGraph.Entity entity : graph.entities) {
                entities.text(workspace).text(entity.key()).text(entity.name()).text(entity.type());
                entities.text(entity.description())
                        .number(entity.chunks().length)
                        .number(entity.chunks().length);
                entities.array(ids(entity.chunks())).array(paths(graph, entity.chunks()));
                entities.text(ContentHash.of(entity.name() + "\n" + entity.description()));
                entities.text(OfflineEmbedder.MODEL)
                        .number(384)
                        .vector(entity.vector())
                        .endRow();
            }
        }
    }

    void relations() throws Exception {
        try (CopyRows relations = new CopyRows(
                connection,
                "relations",
                "workspace, key, source, target, source_key, target_key, keywords, description, weight,"
                        + " fragment_count, source_chunks, source_files, embedded_hash, embedding_model,"
                        + " embedding_dim, embedding")) {
            for (SyntheticGraph.Relation relation : graph.relations) {
                relations.text(workspace).text(relation.key());
                relations.text(relation.source().name()).text(relation.target().name());
                relations.text(relation.source().key()).text(relation.target().key());
                relations.text(relation.keywords()).text(relation.description()).number(relation.weight());
                relations.number(relation.chunks().length).array(ids(relation.chunks()));
                relations.array(paths(graph, relation.chunks()));
                relations.text(ContentHash.of(relation.keywords() + "\n" + relation.description()));
                relations.text(OfflineEmbedder.MODEL).number(384);
                relations
                        .vector(graph.between(relation.source(), relation.target()))
                        .endRow();
            }
        }
    }

    /** Documents are SpecStory histories, grouped by project: each holds consecutive chunks of one topic. */
    private static String path(SyntheticGraph graph, int chunk) {
        int topic = chunk / SyntheticGraph.CHUNKS_PER_TOPIC;
        List<String> words = graph.topics.get(topic).words();
        return "projects/%s-%s-%03d/.specstory/history/session-%02d.md"
                .formatted(
                        words.get(0),
                        words.get(1),
                        topic,
                        chunk % SyntheticGraph.CHUNKS_PER_TOPIC / SyntheticGraph.CHUNKS_PER_DOCUMENT);
    }

    private List<String> ids(int[] chunks) {
        return IntStream.of(chunks).mapToObj(c -> chunkIds[c]).toList();
    }

    private static Set<String> paths(SyntheticGraph graph, int[] chunks) {
        Set<String> paths = new LinkedHashSet<>();
        for (int chunk : chunks) {
            paths.add(path(graph, chunk));
        }
        return paths;
    }
}
