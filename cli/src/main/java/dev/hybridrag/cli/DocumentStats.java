package dev.hybridrag.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A tenant's documents summarised from query-service's paged listing: how many in each status, and chunks. */
record DocumentStats(Map<String, Long> byStatus, long documents, long chunks, boolean truncated) {

    /** The listing's largest page. */
    static final int PAGE_SIZE = 1000;

    /** Bounds what one {@code :stats} costs: past this many pages the summary says it is partial. */
    static final int MAX_PAGES = 200;

    private static final List<String> STATUS_ORDER = List.of("processed", "processing", "pending", "failed", "refused");

    static DocumentStats fetch(QueryClient client, String tenant) throws QueryServiceException, InterruptedException {
        Map<String, Long> byStatus = new TreeMap<>();
        long documents = 0;
        long chunks = 0;
        for (int page = 0; page < MAX_PAGES; page++) {
            JsonNode listing = client.documents(tenant, PAGE_SIZE, page * PAGE_SIZE);
            JsonNode batch = listing.path("documents");
            for (JsonNode document : batch) {
                byStatus.merge(document.path("status").asText("unknown"), 1L, Long::sum);
                chunks += document.path("chunk_count").asLong();
                documents++;
            }
            if (batch.size() < PAGE_SIZE) {
                return new DocumentStats(byStatus, documents, chunks, false);
            }
        }
        return new DocumentStats(byStatus, documents, chunks, true);
    }

    void print(PrintWriter out, String tenant) {
        out.printf("tenant %s: %d document(s)%s%n", tenant, documents, truncated ? " (the first ones only)" : "");
        for (String status : STATUS_ORDER) {
            if (byStatus.containsKey(status)) {
                out.printf("  %-11s %d%n", status, byStatus.get(status));
            }
        }
        byStatus.forEach((status, count) -> {
            if (!STATUS_ORDER.contains(status)) {
                out.printf("  %-11s %d%n", status, count);
            }
        });
        out.printf("  %-11s %d%n", "chunks", chunks);
        if (byStatus.getOrDefault("failed", 0L) > 0) {
            out.println("  (./hybridrag documents list --status failed says why)");
        }
        out.flush();
    }
}
