package dev.hybridrag.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.Iterator;
import java.util.Map;

/** What {@code :stats} shows: a tenant's documents by status and its graph's size, from one {@code /status} call. */
record DocumentStats(JsonNode status) {

    static DocumentStats fetch(QueryClient client, String tenant) throws QueryServiceException, InterruptedException {
        return new DocumentStats(client.status(tenant));
    }

    void print(PrintWriter out, String tenant) {
        long documents = 0;
        for (Iterator<JsonNode> counts = status.path("documents").elements(); counts.hasNext(); ) {
            documents += counts.next().asLong();
        }
        out.printf("tenant %s: %d document(s)%n", tenant, documents);
        for (Iterator<Map.Entry<String, JsonNode>> counts =
                        status.path("documents").fields();
                counts.hasNext(); ) {
            Map.Entry<String, JsonNode> count = counts.next();
            if (count.getValue().asLong() > 0) {
                out.printf("  %-11s %d%n", count.getKey(), count.getValue().asLong());
            }
        }
        for (String total : new String[] {"chunks", "entities", "relations"}) {
            out.printf("  %-11s %d%n", total, status.path(total).asLong());
        }
        if (status.path("graph_keys_settling").asLong() > 0) {
            out.printf(
                    "  (%d graph keys still settling)%n",
                    status.path("graph_keys_settling").asLong());
        }
        if (status.path("documents").path("failed").asLong() > 0) {
            out.println("  (./hybridrag documents list --status failed says why)");
        }
        out.flush();
    }
}
