package dev.hybridrag.core.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /metrics} on a port of its own, for the services without an HTTP server (watcher, extractor, indexer).
 * A port that cannot be had leaves the service running without metrics and says so in one line: the pipeline
 * matters more than its gauges.
 */
public final class MetricsServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);

    private final HttpServer server;

    private MetricsServer(HttpServer server) {
        this.server = server;
    }

    /** @return the server, or nothing when the port is taken or the address cannot be bound (logged once) */
    public static Optional<MetricsServer> start(String host, int port, PrometheusMetrics metrics) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 16);
        } catch (IOException | RuntimeException e) {
            LOG.warn(
                    "metrics are off: cannot listen on {}:{} ({}); set HYBRIDRAG_METRICS_PORT to a free port",
                    host,
                    port,
                    e.getMessage());
            return Optional.empty();
        }
        server.createContext("/metrics", exchange -> answer(exchange, metrics));
        server.start();
        MetricsServer started = new MetricsServer(server);
        LOG.info("metrics on {}", started.url());
        return Optional.of(started);
    }

    public String url() {
        InetSocketAddress address = server.getAddress();
        return "http://" + address.getHostString() + ":" + address.getPort() + "/metrics";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void answer(HttpExchange exchange, PrometheusMetrics metrics) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("GET")) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body = metrics.scrape().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", PrometheusMetrics.CONTENT_TYPE);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
