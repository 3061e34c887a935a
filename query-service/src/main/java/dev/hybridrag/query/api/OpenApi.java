package dev.hybridrag.query.api;

import dev.hybridrag.query.http.ApiExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The API's OpenAPI 3.1 description, served at {@code /v1/openapi.json}; kept true by {@code OpenApiTest}. */
public final class OpenApi {

    private static final byte[] DOCUMENT = load();

    private OpenApi() {}

    public static byte[] document() {
        return DOCUMENT.clone();
    }

    static void serve(ApiExchange exchange) throws IOException {
        exchange.sendBytes(200, "application/json; charset=utf-8", DOCUMENT);
    }

    private static byte[] load() {
        try (InputStream in = OpenApi.class.getResourceAsStream("/openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the query-service jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
