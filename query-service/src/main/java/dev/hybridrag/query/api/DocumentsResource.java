package dev.hybridrag.query.api;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.intake.DocumentIntake;
import dev.hybridrag.core.storage.DocumentRepository;
import dev.hybridrag.core.storage.DocumentStatus;
import dev.hybridrag.core.storage.DocumentSummary;
import dev.hybridrag.core.storage.DocumentText;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.query.http.ApiException;
import dev.hybridrag.query.http.ApiExchange;
import dev.hybridrag.query.http.Route;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** A tenant's documents: a page of them with their status, and taking some out of the index. */
final class DocumentsResource implements AutoCloseable {

    record DocumentPage(List<DocumentSummary> documents, int limit, int offset) {}

    record Deleting(List<String> deleting) {}

    record DocumentContent(String path, String text) {}

    private final Infrastructure infra;
    private final DocumentRepository documents = new DocumentRepository();
    private final DocumentText text = new DocumentText();
    private DocumentIntake deletions;

    DocumentsResource(Infrastructure infra) {
        this.infra = infra;
    }

    List<Route> routes() {
        return List.of(
                Route.get("/v1/tenants/{tenant}/documents", DocumentPage.class, this::list),
                Route.delete("/v1/tenants/{tenant}/documents", Deleting.class, this::delete),
                Route.get("/v1/tenants/{tenant}/documents/content", DocumentContent.class, this::content));
    }

    private void list(ApiExchange exchange) throws Exception {
        int limit = exchange.intParameter("limit", 100, 1, 1000);
        int offset = exchange.intParameter("offset", 0, 0, Integer.MAX_VALUE);
        Optional<DocumentStatus> status = status(exchange.parameter("status", ""));
        TenantConfig tenant = exchange.tenant();
        exchange.sendJson(
                200,
                new DocumentPage(
                        documents.list(infra.dataSource(tenant), tenant.workspace(), status, limit, offset),
                        limit,
                        offset));
    }

    /** A document's text as indexed, so a reference can be opened: {@code ?path=} as /documents lists it. */
    private void content(ApiExchange exchange) throws Exception {
        String path = exchange.parameter("path", "");
        if (path.isBlank() || path.length() > 4096 || path.indexOf(0) >= 0) {
            throw ApiException.badRequest(
                    "path", "give the document as ?path=relative/path.md, as /documents lists it");
        }
        TenantConfig tenant = exchange.tenant();
        String text = this.text
                .read(infra.dataSource(tenant), tenant.workspace(), path)
                .orElseThrow(() -> ApiException.notFound("no indexed document at that path in this tenant"));
        exchange.sendJson(200, new DocumentContent(path, text));
    }

    /** Removes documents from the index, as if their files were deleted; answers 202 (the pipeline applies it). */
    private void delete(ApiExchange exchange) throws Exception {
        List<String> paths = exchange.parameterValues("path").stream()
                .filter(path -> !path.isBlank())
                .toList();
        if (paths.isEmpty()) {
            throw ApiException.badRequest(
                    "path", "give the documents to delete as ?path=relative/path.md (repeatable)");
        }
        for (String path : paths) {
            // Paths are document names, as /documents lists them: relative to a watch root, or absolute for files
            // `hybridrag ingest` took from elsewhere.
            try {
                DocumentIntake.requireDocumentPath(path);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("path", "path must be a document path as /documents lists it");
            }
        }
        for (String path : paths) {
            deletions().delete(exchange.tenant(), path);
        }
        exchange.sendJson(202, new Deleting(paths));
    }

    private static Optional<DocumentStatus> status(String wanted) {
        if (wanted.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(DocumentStatus.fromLabel(wanted));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(
                    "status",
                    "status must be one of "
                            + String.join(
                                    ", ",
                                    Arrays.stream(DocumentStatus.values())
                                            .filter(s -> s != DocumentStatus.DELETED)
                                            .map(DocumentStatus::label)
                                            .toList()));
        }
    }

    private synchronized DocumentIntake deletions() {
        if (deletions == null) {
            deletions = new DocumentIntake(infra, "query-service");
        }
        return deletions;
    }

    @Override
    public synchronized void close() {
        if (deletions != null) {
            deletions.close();
        }
    }
}
