package dev.hybridrag.query.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A POST to a tenant's MCP endpoint before the SDK reads it: refused when over the size limit; a {@code tools/call}
 * gets its JSON-RPC id written into {@code _meta} and a {@code notifications/cancelled} stops the call it names
 * ({@link InFlightCalls}). Anything else passes through untouched, for the SDK to answer (malformed JSON included).
 */
final class McpRequests {

    /** Larger than any valid call (documents added by tool are at most 1,000,000 characters). */
    static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    private McpRequests() {}

    /** Thrown for a body over {@link #MAX_BODY_BYTES}: the route answers 413. */
    static final class TooLarge extends IOException {
        TooLarge() {
            super("an MCP message is limited to " + MAX_BODY_BYTES + " bytes");
        }
    }

    static HttpServletRequest prepare(HttpServletRequest request, InFlightCalls inFlight) throws IOException {
        if (!request.getMethod().equals("POST")) {
            return request;
        }
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            throw new TooLarge();
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new TooLarge();
        }
        JsonNode message;
        try {
            message = ToolReply.JSON.readTree(body);
        } catch (IOException e) {
            return new CachedBody(request, body); // the SDK answers it as the JSON-RPC parse error it is
        }
        if (message instanceof ObjectNode object
                && object.has("id")
                && "tools/call".equals(object.path("method").asText())
                && object.path("params").isObject()) {
            ObjectNode params = (ObjectNode) object.get("params");
            ObjectNode meta =
                    params.path("_meta").isObject() ? (ObjectNode) params.get("_meta") : params.putObject("_meta");
            meta.put(InFlightCalls.REQUEST_ID_META, object.get("id").asText());
            body = ToolReply.JSON.writeValueAsBytes(object);
        } else if ("notifications/cancelled".equals(message.path("method").asText())) {
            String session = request.getHeader("Mcp-Session-Id");
            JsonNode id = message.path("params").path("requestId");
            if (session != null && !id.isMissingNode()) {
                inFlight.cancel(session, id.asText());
            }
        }
        return new CachedBody(request, body);
    }

    /** The request with its body read into memory, readable once more by the SDK. */
    private static final class CachedBody extends HttpServletRequestWrapper {
        private final byte[] body;

        CachedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8));
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already in memory");
                }
            };
        }
    }
}
