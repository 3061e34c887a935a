package dev.hybridrag.core.llm;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The process's HTTP clients for providers, one per protocol version and connect timeout, shared by every tenant.
 * Each {@link HttpClient} owns a selector thread that wakes every few seconds even when nothing is sent; a client per
 * tenant made a fleet of a thousand tenants keep a thousand such threads turning over, about 1.3% of a core of an
 * idle indexer (docs/benchmarks/idle.md). Requests carry their own URL, headers and timeout, so tenants share a
 * client (and its connection pool to a provider both use) without sharing anything of their own. The clients live as
 * long as the process.
 */
final class SharedHttpClients {

    private record Shape(HttpClient.Version version, Duration connectTimeout) {}

    private static final Map<Shape, HttpClient> CLIENTS = new ConcurrentHashMap<>();

    private SharedHttpClients() {}

    static HttpClient of(HttpClient.Version version, Duration connectTimeout) {
        return CLIENTS.computeIfAbsent(new Shape(version, connectTimeout), shape -> HttpClient.newBuilder()
                .version(shape.version())
                .connectTimeout(shape.connectTimeout())
                .build());
    }
}
