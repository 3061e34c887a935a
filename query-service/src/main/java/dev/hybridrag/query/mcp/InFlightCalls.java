package dev.hybridrag.query.mcp;

import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tool calls under way, so that {@code notifications/cancelled} can stop one. The SDK hands a tool neither its
 * JSON-RPC id nor cancellations, so {@link McpRequests} writes the id into the call's {@code _meta} on the way in and
 * reports cancellations here; a cancelled call's flag is raised and its thread interrupted (an LLM or embedding
 * request under way is abandoned; multi-step tools also look at the flag between steps).
 */
final class InFlightCalls {

    static final String REQUEST_ID_META = "dev.hybridrag/request-id";
    private static final Logger log = LoggerFactory.getLogger(InFlightCalls.class);

    private final Map<String, Call> calls = new ConcurrentHashMap<>();

    /** One call: who to tell about progress, and whether it was cancelled. */
    final class Call implements ToolCallContext {
        private final String key;
        private final McpSyncServerExchange exchange;
        private final Object progressToken;
        private final Thread thread = Thread.currentThread();
        private volatile boolean cancelled;

        private Call(String key, McpSyncServerExchange exchange, Object progressToken) {
            this.key = key;
            this.exchange = exchange;
            this.progressToken = progressToken;
        }

        @Override
        public void progress(double done, double total, String message) {
            if (progressToken != null && !cancelled) {
                exchange.progressNotification(new McpSchema.ProgressNotification(progressToken, done, total, message));
            }
        }

        @Override
        public boolean cancelled() {
            return cancelled;
        }
    }

    ToolCallContext begin(McpSyncServerExchange exchange, McpSchema.CallToolRequest request) {
        Map<String, Object> meta = request.meta() == null ? Map.of() : request.meta();
        Object id = meta.get(REQUEST_ID_META);
        Call call = new Call(
                id == null ? null : key(exchange.sessionId(), String.valueOf(id)), exchange, meta.get("progressToken"));
        if (call.key != null) {
            calls.put(call.key, call);
        }
        return call;
    }

    void end(ToolCallContext context) {
        if (context instanceof Call call && call.key != null) {
            synchronized (call) {
                calls.remove(call.key, call);
                Thread.interrupted(); // a cancellation that came too late must not reach the thread's next task
            }
        }
    }

    /** @return whether a call was under way with that id */
    boolean cancel(String sessionId, String requestId) {
        Call call = calls.get(key(sessionId, requestId));
        if (call == null) {
            return false;
        }
        synchronized (call) {
            if (calls.get(call.key) == call) {
                call.cancelled = true;
                call.thread.interrupt();
                log.info("tool call {} of session {} cancelled by the client", requestId, sessionId);
                return true;
            }
        }
        return false;
    }

    private static String key(String sessionId, String requestId) {
        return sessionId + "\n" + requestId;
    }
}
