package dev.hybridrag.query.api;

import dev.hybridrag.query.http.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * LightRAG's track ids for documents added over the API: the path and the version the intake stamped, so a track
 * id says which change to wait for without a table of its own.
 */
final class TrackIds {

    record Tracked(String path, long version) {}

    private TrackIds() {}

    static String of(String path, long version) {
        String raw = version + ":" + path;
        return "upload_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static Tracked parse(String trackId) {
        try {
            String raw = new String(
                    Base64.getUrlDecoder().decode(trackId.substring("upload_".length())), StandardCharsets.UTF_8);
            int colon = raw.indexOf(':');
            return new Tracked(raw.substring(colon + 1), Long.parseLong(raw.substring(0, colon)));
        } catch (RuntimeException e) {
            throw ApiException.notFound("no such track id");
        }
    }
}
