package dev.hybridrag.query.mcp;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.embed.EmbeddingMismatchException;
import dev.hybridrag.core.kafka.Failures;
import dev.hybridrag.core.llm.EmbeddingFailedException;
import dev.hybridrag.core.llm.LlmException;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.query.QueryHandler;
import dev.hybridrag.query.retrieval.QuestionEmbedders;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Every tool's handler, shared by all tenants' servers. A handler never throws: bad arguments, refusals and faults
 * become results with {@code isError} whose text names the field or the cause; internals (SQL, stack traces) go to
 * the log only, as with the HTTP API.
 */
final class TenantTools implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TenantTools.class);

    private final QueryTools queryTools;
    private final MultiHopTool multiHop;
    private final IndexTools index;
    private final GraphTools graph;
    private final LogsTool logs;
    private final WriteTools writes;
    private final HealthCheck health;
    private final DocumentWrites intake;
    private final InFlightCalls inFlight;

    TenantTools(Infrastructure infra, QueryHandler queries, Optional<LogBuffer> logBuffer, InFlightCalls inFlight) {
        this.queryTools = new QueryTools(queries);
        this.multiHop = new MultiHopTool(infra, queries);
        this.health = new HealthCheck(infra, new QuestionEmbedders(infra.models()));
        this.index = new IndexTools(infra, health);
        this.graph = new GraphTools(infra);
        this.logs = new LogsTool(logBuffer, infra.tenants().all().size() == 1);
        this.intake = new IntakeWrites(infra);
        this.writes = new WriteTools(intake);
        this.inFlight = inFlight;
    }

    /** The tools a tenant lists, each bound to its handler. */
    List<McpServerFeatures.SyncToolSpecification> specifications(TenantConfig tenant) {
        return ToolCatalog.get().tools(tenant.writes()).stream()
                .map(tool -> McpServerFeatures.SyncToolSpecification.builder()
                        .tool(tool)
                        .callHandler((exchange, request) -> {
                            ToolCallContext call = inFlight.begin(exchange, request);
                            try {
                                return call(tenant, request, call);
                            } finally {
                                inFlight.end(call);
                            }
                        })
                        .build())
                .toList();
    }

    McpSchema.CallToolResult call(TenantConfig tenant, McpSchema.CallToolRequest request, ToolCallContext call) {
        MDC.put("tenant", tenant.id().value());
        ToolArguments arguments = new ToolArguments(request.arguments());
        try {
            return switch (request.name()) {
                case "hybridrag_query" -> queryTools.answer(tenant, arguments, null);
                case "hybridrag_local_query" -> queryTools.answer(tenant, arguments, "local");
                case "hybridrag_global_query" -> queryTools.answer(tenant, arguments, "global");
                case "hybridrag_hybrid_query" -> queryTools.answer(tenant, arguments, "hybrid");
                case "hybridrag_extract_context" -> queryTools.extractContext(tenant, arguments);
                case "hybridrag_multihop_query" -> multiHop.answer(tenant, arguments, call);
                case "hybridrag_database_status" -> index.status(tenant);
                case "hybridrag_health_check" -> index.health(tenant);
                case "hybridrag_list_documents" -> index.listDocuments(tenant, arguments);
                case "hybridrag_get_document" -> index.document(tenant, arguments);
                case "hybridrag_search_entities" -> graph.search(tenant, arguments);
                case "hybridrag_get_entity" -> graph.entity(tenant, arguments);
                case "hybridrag_get_logs" -> logs.recent(tenant, arguments);
                case "hybridrag_add_document" -> writes.add(tenant, arguments);
                case "hybridrag_delete_document" -> writes.delete(tenant, arguments);
                default -> ToolReply.error("unknown tool '" + ToolTexts.oneLine(request.name()) + "'");
            };
        } catch (Exception e) {
            return failure(tenant, request.name(), e);
        } finally {
            MDC.remove("tenant");
        }
    }

    private static McpSchema.CallToolResult failure(TenantConfig tenant, String tool, Exception e) {
        if (e instanceof InvalidArgumentException invalid) {
            return ToolReply.error(
                    invalid.field().isEmpty() ? invalid.getMessage() : invalid.field() + ": " + invalid.getMessage());
        }
        if (e instanceof CancellationException || e instanceof InterruptedException) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.info("tenant {}: {} was cancelled", tenant.id(), tool);
            return ToolReply.error(tool + " was cancelled");
        }
        if (e instanceof EmbeddingMismatchException) {
            return ToolReply.error(e.getMessage());
        }
        if (e instanceof EmbeddingFailedException || e instanceof LlmException) {
            // Provider messages are written to be shown (keys are never in them), as in answers.
            log.warn("tenant {}: {} failed at the provider: {}", tenant.id(), tool, e.getMessage());
            return ToolReply.error(tool + " failed at the model provider: " + e.getMessage());
        }
        if (Failures.isDatabaseUnavailable(e)) {
            log.warn("tenant {}: {}: the database is unavailable: {}", tenant.id(), tool, e.getMessage());
            return ToolReply.error("the tenant's database is unavailable or busy; try again shortly");
        }
        log.error("tenant {}: {} failed", tenant.id(), tool, e);
        return ToolReply.error(tool + " failed: internal error; see the query-service log");
    }

    @Override
    public void close() {
        health.close();
        intake.close();
    }
}
