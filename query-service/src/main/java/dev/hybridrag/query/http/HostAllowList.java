package dev.hybridrag.query.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Answers only requests whose Host names this service: the loopback names, those HYBRIDRAG_HTTP_ALLOWED_HOSTS adds,
 * and the address the request's connection was made to, written as an IP literal. A page on another site that gets
 * the browser to resolve its own name to 127.0.0.1 (DNS rebinding) sends its own name as Host, and is refused here
 * before it reads a single answer. An address is no such name: a client that sends one reached this service by it
 * (a container's address on a Compose network, which changes with every start, so no setting could list it).
 */
final class HostAllowList extends WallFilter {

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final Set<String> allowed;

    HostAllowList(Set<String> extraHosts) {
        Set<String> hosts = new HashSet<>(LOOPBACK);
        hosts.addAll(extraHosts);
        this.allowed = Set.copyOf(hosts);
    }

    @Override
    void filter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String host = hostName(request.getHeader("Host"));
        if (host == null || !(allowed.contains(host) || IpLiteral.same(host, request.getLocalAddr()))) {
            refuse(
                    response,
                    421,
                    "this service does not answer for that Host; an operator can allow it in"
                            + " HYBRIDRAG_HTTP_ALLOWED_HOSTS (docs/security.md)",
                    Map.of());
            return;
        }
        chain.doFilter(request, response);
    }

    /** The host part of a Host header, lower-cased, without the port; null when absent. */
    static String hostName(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String host = header.strip().toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? host : host.substring(0, end + 1);
        }
        int colon = host.indexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }
}
