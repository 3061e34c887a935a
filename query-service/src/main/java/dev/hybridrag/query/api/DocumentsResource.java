package dev.hybridrag.query.api;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.intake.DocumentIntake;
import dev.hybridrag.core.intake.LazyIntake;
import dev.hybridrag.core.storage.DocumentRepository;
import dev.hybridrag.core.storage.DocumentStatus;
import dev.hybridrag.core.storage.DocumentSummary;
import dev.hybridrag.core.storage.DocumentText;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.query.http.ApiException;
import dev.hybridrag.query.http.ApiExchange;
import dev.hybridrag.query.http.Route;
import dev.hybridrag.watcher.FileResubmitter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A tenant's documents: a page of them with their status, and taking some out of the index. */
final class DocumentsResource {

    private static final int MAX_RETRIED = 1000;

    record DocumentPage(List<DocumentSummary> documents, int limit, int offset) {}

    record Deleting(List<String> deleting) {}

    record DocumentContent(String path, String text) {}

    record Retried(String path, String outcome) {}

    record Retrying(List<Retried> retried) {}

    private final Infrastructure infra;
    private final DocumentRepository documents = new DocumentRepository();
    private final DocumentText text = new DocumentText();
    private final LazyIntake intake;

    DocumentsResource(Infrastructure infra, LazyIntake intake) {
        this.infra = infra;
        this.intake = intake;
    }

    List<Route> routes() {
        return List.of(
                Route.get("/v1/tenants/{tenant}/documents", DocumentPage.class, this::list),
                Route.delete("/v1/tenants/{tenant}/documents", Deleting.class, this::delete),
                Route.get("/v1/tenants/{tenant}/documents/content", DocumentContent.class, this::content),
                Route.post("/v1/tenants/{tenant}/documents/retry", Retrying.class, this::retry));
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
        // Paths are document names, as /documents lists them: relative to a watch root, or absolute for files
        // `hybridrag ingest` took from elsewhere.
        paths.forEach(DocumentsResource::requireDocumentPath);
        for (String path : paths) {
            intake.get().delete(exchange.tenant(), path);
        }
        exchange.sendJson(202, new Deleting(paths));
    }

    /**
     * Processes documents again from their files, as {@code documents retry} does: {@code ?path=} (repeatable), or
     * every failed document. Answers 202 with what happened to each path.
     */
    private void retry(ApiExchange exchange) throws Exception {
        TenantConfig tenant = exchange.tenant();
        List<String> paths = exchange.parameterValues("path").stream()
                .filter(path -> !path.isBlank())
                .toList();
        if (paths.isEmpty()) {
            paths = documents
                    .list(
                            infra.dataSource(tenant),
                            tenant.workspace(),
                            Optional.of(DocumentStatus.FAILED),
                            MAX_RETRIED,
                            0)
                    .stream()
                    .map(DocumentSummary::path)
                    .toList();
        }
        if (paths.size() > MAX_RETRIED) {
            throw ApiException.badRequest("path", "retry at most " + MAX_RETRIED + " documents per request");
        }
        List<Retried> retried = new ArrayList<>();
        FileResubmitter resubmitter = new FileResubmitter(intake.get(), infra);
        for (String path : paths) {
            requireDocumentPath(path);
            retried.add(
                    new Retried(path, resubmitter.resubmit(tenant, path).name().toLowerCase(Locale.ROOT)));
        }
        exchange.sendJson(202, new Retrying(retried));
    }

    private static void requireDocumentPath(String path) {
        try {
            DocumentIntake.requireDocumentPath(path);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("path", "path must be a document path as /documents lists it");
        }
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
}
