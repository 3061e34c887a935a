package dev.hybridrag.query.http;

import jakarta.servlet.MultipartConfigElement;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jetty serving a route table, each request on a virtual thread. Jetty rather than the JDK's server: it has idle,
 * header and write limits, refuses ambiguous paths before they reach a route, and hosts servlets (the MCP SDK's
 * transport). docs/http-api.md says more.
 */
public final class HttpServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);
    private static final long STOP_TIMEOUT_MILLIS = 2_000;

    /** The most one upload request may carry, all files together. */
    static final long MAX_UPLOAD_BYTES = 64L * 1024 * 1024;

    private final Server server;
    private final ServerConnector connector;

    public HttpServer(InetSocketAddress address, RouteTable routes, TenantAccess access) {
        this(address, routes, access, HttpWalls.defaults());
    }

    public HttpServer(InetSocketAddress address, RouteTable routes, TenantAccess access, HttpWalls walls) {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("query-http");
        threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server = new Server(threads);
        server.setStopTimeout(STOP_TIMEOUT_MILLIS);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(address.getHostString());
        connector.setPort(address.getPort());
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        ServletHolder api = new ServletHolder("api", new ApiServlet(routes, access));
        api.setAsyncSupported(true); // the MCP SDK's transport answers event streams asynchronously
        // Uploads (documents/upload): parts over 1 MiB wait in temporary files, not in memory; each file is held
        // to the tenant's file size limit by the resource, the whole request to this.
        api.getRegistration()
                .setMultipartConfig(new MultipartConfigElement(
                        System.getProperty("java.io.tmpdir"), MAX_UPLOAD_BYTES, MAX_UPLOAD_BYTES, 1024 * 1024));
        context.addServlet(api, "/*");
        context.setErrorHandler(new JsonErrors());
        walls.install(connector, context);
        server.setHandler(context);
        server.setErrorHandler(new JsonErrors());
    }

    /** @throws IOException when the address cannot be bound (taken, or not this machine's) */
    public void start() throws IOException {
        try {
            server.start();
        } catch (IOException e) {
            close();
            throw e;
        } catch (Exception e) {
            close();
            throw new IOException("the HTTP server did not start: " + e.getMessage(), e);
        }
        log.info("query-service listening on http://{}:{}", connector.getHost(), port());
    }

    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            log.warn("stopping the HTTP server: {}", e.toString());
        }
    }

    /** Errors Jetty answers itself (a malformed or ambiguous URI, an oversized header) in the API's JSON shape. */
    private static final class JsonErrors extends org.eclipse.jetty.ee10.servlet.ErrorHandler {
        @Override
        protected boolean generateAcceptableResponse(
                Request request,
                Response response,
                Callback callback,
                String contentType,
                List<Charset> charsets,
                int code,
                String message,
                Throwable cause)
                throws IOException {
            ErrorMapper.ApiError error = ErrorMapper.error(
                    code, "", message == null || message.isBlank() ? HttpStatus.getMessage(code) : message, Map.of());
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
            response.write(true, ByteBuffer.wrap(Json.MAPPER.writeValueAsBytes(error.body())), callback);
            return true;
        }
    }
}
