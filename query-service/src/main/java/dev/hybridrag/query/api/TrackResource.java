package dev.hybridrag.query.api;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.storage.DocumentRepository;
import dev.hybridrag.core.storage.DocumentState;
import dev.hybridrag.core.storage.DocumentStatus;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.query.http.ApiExchange;
import dev.hybridrag.query.http.Route;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * LightRAG's progress endpoints: where the documents behind a track id stand, and the tenant's pipeline at a glance.
 */
record TrackResource(Infrastructure infra) {

    /** LightRAG's field names: {@code file_path}, {@code error_msg}. */
    record TrackedDocument(String filePath, String status, String errorMsg) {}

    record TrackStatus(
            String trackId, List<TrackedDocument> documents, int totalCount, Map<String, Integer> statusSummary) {}

    /** {@code busy} while any document is pending or processing; {@code docs} how many are. */
    record PipelineStatus(boolean busy, long docs, Map<String, Long> documents) {}

    private static final DocumentRepository DOCUMENTS = new DocumentRepository();

    List<Route> routes() {
        return List.of(
                Route.get("/v1/tenants/{tenant}/documents/track/{id}", TrackStatus.class, this::track),
                Route.get("/v1/tenants/{tenant}/documents/pipeline_status", PipelineStatus.class, this::pipeline));
    }

    private void track(ApiExchange exchange) throws Exception {
        TenantConfig tenant = exchange.tenant();
        String trackId = exchange.variable("id");
        List<TrackIds.Tracked> tracked = new ArrayList<>();
        for (String one : trackId.split(",")) {
            tracked.add(TrackIds.parse(one));
        }
        Map<String, DocumentState> states = DOCUMENTS.states(
                infra.dataSource(tenant),
                tenant.workspace(),
                tracked.stream().map(TrackIds.Tracked::path).toList());
        List<TrackedDocument> found = new ArrayList<>();
        Map<String, Integer> summary = new LinkedHashMap<>();
        for (TrackIds.Tracked one : tracked) {
            DocumentState state = states.get(one.path());
            // Until the pipeline has written this version (or a newer one) the change is still on its way.
            String status = state == null || state.version() < one.version()
                    ? DocumentStatus.PENDING.label()
                    : state.status().label();
            found.add(new TrackedDocument(one.path(), status, state == null ? "" : state.error()));
            summary.merge(status, 1, Integer::sum);
        }
        exchange.sendJson(200, new TrackStatus(trackId, found, found.size(), summary));
    }

    private void pipeline(ApiExchange exchange) throws Exception {
        TenantConfig tenant = exchange.tenant();
        Map<String, Long> counts = DOCUMENTS.countByStatus(infra.dataSource(tenant), tenant.workspace());
        long inFlight = counts.getOrDefault(DocumentStatus.PENDING.label(), 0L)
                + counts.getOrDefault(DocumentStatus.PROCESSING.label(), 0L);
        exchange.sendJson(200, new PipelineStatus(inFlight > 0, inFlight, counts));
    }
}
