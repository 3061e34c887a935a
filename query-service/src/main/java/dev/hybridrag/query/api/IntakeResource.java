package dev.hybridrag.query.api;

import dev.hybridrag.core.config.Settings;
import dev.hybridrag.core.intake.ApiDocuments;
import dev.hybridrag.core.intake.IncomingDocument;
import dev.hybridrag.core.intake.LazyIntake;
import dev.hybridrag.core.intake.TextBytes;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.query.http.ApiException;
import dev.hybridrag.query.http.ApiExchange;
import dev.hybridrag.query.http.Route;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * LightRAG's document insertion over HTTP ({@code documents/text}, {@code documents/upload}) through the document
 * intake a watched file takes, under {@code uploads/}, for tenants that accept writes. Each answers LightRAG's
 * {@code {status, message, track_id}}; {@link TrackResource} follows a track id.
 */
final class IntakeResource {

    /** Where documents added over HTTP live among a tenant's paths (the MCP tools use {@code mcp/}). */
    static final String PREFIX = ApiDocuments.UPLOADS;

    record Inserted(String status, String message, String trackId) {}

    private final LazyIntake intake;
    private final long maxBytes;
    private final Clock clock;

    IntakeResource(LazyIntake intake, long maxBytes, Clock clock) {
        this.intake = intake;
        Settings.MAX_FILE_BYTES.require(maxBytes);
        this.maxBytes = maxBytes;
        this.clock = clock;
    }

    List<Route> routes() {
        return List.of(
                Route.post("/v1/tenants/{tenant}/documents/text", Inserted.class, this::text),
                Route.post("/v1/tenants/{tenant}/documents/upload", Inserted.class, this::upload));
    }

    private void text(ApiExchange exchange) throws Exception {
        TenantConfig tenant = writable(exchange);
        var body = exchange.readJson();
        String text = body.path("text").isTextual() ? body.path("text").asText() : "";
        if (text.isBlank()) {
            throw ApiException.badRequest("text", "'text' is required: the document's text");
        }
        if (text.indexOf('\0') >= 0) {
            throw ApiException.badRequest("text", "'text' contains NUL characters; send plain text or markdown");
        }
        String source = body.path("file_source").asText("");
        String name = source.isBlank() ? "text-" + Integer.toHexString(text.hashCode()) + ".md" : source;
        String path = PREFIX + safeName(name, "file_source");
        long version = intake.get().put(tenant, IncomingDocument.of(path, text, clock.instant()));
        exchange.sendJson(200, new Inserted("success", "accepted " + path, TrackIds.of(path, version)));
    }

    /** Every part named {@code file} is one document; all are checked before any is taken in. */
    private void upload(ApiExchange exchange) throws Exception {
        TenantConfig tenant = writable(exchange);
        List<IncomingDocument> accepted = new ArrayList<>();
        for (Part part : parts(exchange)) {
            if (!part.getName().equals("file")) {
                continue;
            }
            String path = PREFIX + safeName(part.getSubmittedFileName(), "file");
            if (part.getSize() > maxBytes) {
                throw new ApiException(
                        413, "file", path + " is " + part.getSize() + " bytes, over the " + maxBytes + "-byte limit");
            }
            byte[] bytes;
            try (InputStream in = part.getInputStream()) {
                bytes = in.readAllBytes();
            }
            try {
                accepted.add(IncomingDocument.of(path, TextBytes.decode(bytes), clock.instant()));
            } catch (TextBytes.NotTextException e) {
                throw ApiException.badRequest("file", path + ": " + e.getMessage());
            }
        }
        if (accepted.isEmpty()) {
            throw ApiException.badRequest("file", "no part named 'file' in the upload");
        }
        List<String> tracks = new ArrayList<>();
        for (IncomingDocument document : accepted) {
            tracks.add(TrackIds.of(document.path(), intake.get().put(tenant, document)));
        }
        String paths =
                String.join(", ", accepted.stream().map(IncomingDocument::path).toList());
        exchange.sendJson(200, new Inserted("success", "accepted " + paths, String.join(",", tracks)));
    }

    private static Collection<Part> parts(ApiExchange exchange) throws IOException {
        String type = exchange.request().getContentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw ApiException.badRequest("file", "send the files as multipart/form-data, each in a part named 'file'");
        }
        try {
            return exchange.request().getParts();
        } catch (IllegalStateException e) {
            // what the servlet container throws when the request is over the multipart limits
            throw new ApiException(413, "file", "the upload is too large: " + e.getMessage());
        } catch (ServletException e) {
            throw ApiException.badRequest("file", "the multipart body could not be read: " + e.getMessage());
        }
    }

    private static TenantConfig writable(ApiExchange exchange) {
        TenantConfig tenant = exchange.tenant();
        if (!tenant.writes()) {
            throw new ApiException(
                    403,
                    "",
                    "tenant '" + tenant.id() + "' does not accept documents over the API (writes: true in"
                            + " tenants.yaml, or HYBRIDRAG_WRITES=true, turns it on)");
        }
        return tenant;
    }

    /** A file name as given, when {@link ApiDocuments#safeName} takes it; 400 naming {@code field} otherwise. */
    static String safeName(String name, String field) {
        return ApiDocuments.safeName(name)
                .orElseThrow(() -> ApiException.badRequest(field, "'" + field + "' must be " + ApiDocuments.NAME_RULE));
    }
}
