package dev.hybridrag.query.mcp;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.config.Settings;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.query.QueryHandler;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every tenant is an MCP server on query-service at {@code /v1/tenants/{tenant}/mcp} (Streamable HTTP, with
 * sessions): one SDK server per tenant, made on the tenant's first MCP request. The route admits the request with
 * the tenant's API keys first; this class adds the {@code Origin} check, the size limit and cancellation, and keeps
 * each server's resource list in step with the tenant's documents.
 */
public final class TenantMcpServers implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TenantMcpServers.class);
    private static final Duration RESOURCE_SYNC = Duration.ofSeconds(10);

    private record Served(
            McpSyncServer server,
            HttpServletStreamableServerTransportProvider transport,
            DocumentResources resources) {}

    private final Infrastructure infra;
    private final TenantTools tools;
    private final InFlightCalls inFlight = new InFlightCalls();
    private final OriginCheck origins;
    private final JacksonMcpJsonMapper json =
            new JacksonMcpJsonMapper(new com.fasterxml.jackson.databind.ObjectMapper());
    private final Map<String, Served> servers = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sync = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("mcp-resource-sync").daemon().factory());

    public TenantMcpServers(Infrastructure infra, QueryHandler queries, Optional<LogBuffer> logs) {
        this.infra = infra;
        this.tools = new TenantTools(infra, queries, logs, inFlight);
        this.origins = new OriginCheck(infra.environment().getList(Settings.MCP_ALLOWED_ORIGINS));
        sync.scheduleWithFixedDelay(
                this::syncResources, RESOURCE_SYNC.toSeconds(), RESOURCE_SYNC.toSeconds(), TimeUnit.SECONDS);
    }

    /** Answers one request to the tenant's MCP endpoint; the caller has admitted it with the tenant's keys. */
    public void serve(TenantConfig tenant, HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        HttpServletRequest prepared;
        try {
            prepared = McpRequests.prepare(request, inFlight);
        } catch (McpRequests.TooLarge e) {
            response.sendError(413, e.getMessage());
            return;
        }
        servers.computeIfAbsent(tenant.id().value(), id -> start(tenant))
                .transport()
                .service(prepared, response);
    }

    private Served start(TenantConfig tenant) {
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(json)
                .mcpEndpoint("/v1/tenants/" + tenant.id() + "/mcp")
                .securityValidator(origins)
                .maxRequestSize(McpRequests.MAX_BODY_BYTES)
                .keepAliveInterval(Duration.ofSeconds(30))
                .build();
        DocumentResources resources = new DocumentResources(infra);
        McpSyncServer server = McpServer.sync(transport)
                .serverInfo("hybridrag", "0.1.0")
                .instructions("Tenant " + tenant.id()
                        + " of hybridrag: a knowledge graph and vector index over markdown"
                        + " (SpecStory chat histories, notes, docs). Ask with hybridrag_query; references name source"
                        + " files, readable with hybridrag_get_document or as hybridrag://" + tenant.id() + "/PATH.")
                .capabilities(McpSchema.ServerCapabilities.builder()
                        .tools(false)
                        .resources(true, true)
                        .build())
                .jsonMapper(json)
                .uriTemplateManagerFactory(new PathTemplates())
                .validateToolInputs(true)
                .requestTimeout(Duration.ofMinutes(10))
                .tools(tools.specifications(tenant))
                .resourceTemplates(resources.template(tenant))
                .build();
        Served served = new Served(server, transport, resources);
        sync(tenant, served);
        log.info(
                "tenant {}: MCP server ready at /v1/tenants/{}/mcp ({} tools)",
                tenant.id(),
                tenant.id(),
                ToolCatalog.get().tools(tenant.writes()).size());
        return served;
    }

    private void syncResources() {
        servers.forEach((id, served) -> infra.tenants().find(id).ifPresent(tenant -> sync(tenant, served)));
    }

    private void sync(TenantConfig tenant, Served served) {
        try {
            served.resources().sync(tenant, served.server());
        } catch (Exception e) {
            log.warn("tenant {}: could not list documents as MCP resources: {}", tenant.id(), e.getMessage());
        }
    }

    @Override
    public void close() {
        sync.shutdownNow();
        servers.values().forEach(served -> {
            try {
                served.server().closeGracefully();
            } catch (RuntimeException e) {
                log.debug("closing an MCP server: {}", e.getMessage());
            }
        });
        servers.clear();
        tools.close();
    }
}
