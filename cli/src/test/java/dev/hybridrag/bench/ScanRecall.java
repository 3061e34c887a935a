package dev.hybridrag.bench;

import dev.hybridrag.core.embed.OfflineEmbedder;
import dev.hybridrag.core.storage.ChunkRepository;
import dev.hybridrag.core.storage.ScoredChunk;
import dev.hybridrag.core.storage.VectorScan;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Recall@k and latency of the chunk search of one tenant, read each way it can be read (exact, or HNSW at several
 * candidate list sizes), against the exact search's answer. Latency is the search statement's, from the
 * query-service's code (ChunkRepository) on a pooled connection, one search at a time.
 */
final class ScanRecall {

    /** One way of reading: its mean recall and latency percentiles over the questions. */
    record Row(String tenant, long vectors, String scan, double recall, double p50Ms, double p99Ms) {}

    private final ChunkRepository chunks = new ChunkRepository();

    List<Row> compare(
            String tenant,
            DataSource dataSource,
            String workspace,
            List<float[]> questions,
            List<VectorScan> scans,
            int k)
            throws Exception {
        long vectors = chunks.countVectors(dataSource, workspace, "chunks", OfflineEmbedder.MODEL);
        List<Set<String>> truth = new ArrayList<>();
        for (float[] question : questions) {
            truth.add(ids(
                    chunks.nearest(dataSource, workspace, OfflineEmbedder.MODEL, question, k, VectorScan.allRows())));
        }
        List<Row> rows = new ArrayList<>();
        for (VectorScan scan : scans) {
            double recall = 0;
            double[] millis = new double[questions.size()];
            for (int i = 0; i < questions.size(); i++) {
                long started = System.nanoTime();
                List<ScoredChunk> found =
                        chunks.nearest(dataSource, workspace, OfflineEmbedder.MODEL, questions.get(i), k, scan);
                millis[i] = (System.nanoTime() - started) / 1e6;
                Set<String> expected = truth.get(i);
                recall += expected.isEmpty()
                        ? 1
                        : ids(found).stream().filter(expected::contains).count() / (double) expected.size();
            }
            Arrays.sort(millis);
            rows.add(new Row(
                    tenant,
                    vectors,
                    scan.exact() ? "exact" : "HNSW ef_search " + scan.efSearch(),
                    recall / questions.size(),
                    millis[millis.length / 2],
                    millis[(int) Math.min(millis.length - 1, Math.ceil(millis.length * 0.99) - 1)]));
            System.out.println("scan recall: " + rows.getLast());
        }
        return rows;
    }

    private static Set<String> ids(List<ScoredChunk> found) {
        Set<String> ids = new HashSet<>();
        found.forEach(c -> ids.add(c.path() + "/" + c.chunkId()));
        return ids;
    }
}
