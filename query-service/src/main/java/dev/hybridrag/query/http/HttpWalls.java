package dev.hybridrag.query.http;

import dev.hybridrag.core.config.ConfigException;
import dev.hybridrag.core.config.Environment;
import dev.hybridrag.core.config.Settings;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.core.tenant.TenantRegistry;
import jakarta.servlet.DispatcherType;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The walls in front of the routes (docs/security.md), in the order a request meets them: the connection's header
 * and idle timeouts, the Host allow-list, the browser origin check, failed-key throttling per client address, JSON
 * bodies only, and a cap on each tenant's requests in flight (streams included).
 */
public record HttpWalls(
        Set<String> extraHosts,
        Set<String> allowedOrigins,
        Duration headerTimeout,
        Duration idleTimeout,
        int tenantConcurrency,
        int failedKeysPerMinute,
        boolean allowAnonymous) {

    /** Loose limits with nothing extra allowed: for servers made in tests. */
    public static HttpWalls defaults() {
        return from(new Environment(java.util.Map.of()));
    }

    public static HttpWalls from(Environment env) {
        return new HttpWalls(
                Set.copyOf(lowerCase(env.getList(Settings.HTTP_ALLOWED_HOSTS))),
                Set.copyOf(lowerCase(env.getList(Settings.HTTP_ALLOWED_ORIGINS))),
                Duration.ofMillis(env.getInt(Settings.HTTP_HEADER_TIMEOUT_MS)),
                Duration.ofMillis(env.getInt(Settings.HTTP_IDLE_TIMEOUT_MS)),
                env.getInt(Settings.HTTP_TENANT_CONCURRENCY),
                env.getInt(Settings.HTTP_FAILED_KEYS_PER_MINUTE),
                Boolean.parseBoolean(env.get(Settings.ALLOW_ANONYMOUS)));
    }

    /**
     * Refuses to serve a tenant that needs no key on an address other machines can reach, unless the operator said
     * so: a keyless tenant on 0.0.0.0 is open to anyone who can reach the port.
     */
    public void checkExposure(InetSocketAddress address, TenantRegistry tenants) {
        if (allowAnonymous
                || address.getAddress() == null
                || address.getAddress().isLoopbackAddress()) {
            return;
        }
        List<String> keyless = tenants.all().stream()
                .filter(tenant -> !tenant.apiKeys().required())
                .map(TenantConfig::id)
                .map(Object::toString)
                .toList();
        if (!keyless.isEmpty()) {
            throw new ConfigException("query-service would listen on " + address.getHostString() + ", beyond loopback,"
                    + " and tenants " + keyless + " need no API key: give them keys (docs/tenants.md), bind to"
                    + " 127.0.0.1 (HYBRIDRAG_QUERY_HOST), or set " + Settings.ALLOW_ANONYMOUS.name() + "=true");
        }
    }

    /** Puts the walls on the connector and in front of every servlet of the context. */
    public void install(ServerConnector connector, ServletContextHandler context) {
        connector.setIdleTimeout(idleTimeout.toMillis());
        HeaderTimeout headers = new HeaderTimeout(headerTimeout, connector.getScheduler());
        connector.addEventListener(headers);
        add(context, headers.arrivals());
        add(context, new HostAllowList(extraHosts));
        add(context, new CrossOrigin(allowedOrigins));
        add(context, new KeyGuessThrottle(failedKeysPerMinute, java.time.Clock.systemUTC()));
        add(context, new JsonBodies());
        add(context, new TenantConcurrency(tenantConcurrency));
    }

    private static void add(ServletContextHandler context, jakarta.servlet.Filter filter) {
        FilterHolder holder = new FilterHolder(filter);
        holder.setAsyncSupported(true); // in front of the MCP transport's asynchronous event streams
        context.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST));
    }

    private static List<String> lowerCase(List<String> items) {
        return items.stream()
                .map(item -> item.toLowerCase(java.util.Locale.ROOT))
                .toList();
    }
}
