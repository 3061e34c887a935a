package dev.hybridrag.query.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Closes a connection whose first request has not arrived whole within the header timeout. Jetty's idle timeout alone
 * lets a client that sends a byte now and then hold a connection for ever; this bounds the time to a first request
 * however the bytes trickle. Later requests on a kept-alive connection are bounded by the idle timeout.
 */
final class HeaderTimeout implements Connection.Listener {

    private final Duration timeout;
    private final Scheduler scheduler;
    private final Set<Connection> waiting = ConcurrentHashMap.newKeySet();

    HeaderTimeout(Duration timeout, Scheduler scheduler) {
        this.timeout = timeout;
        this.scheduler = scheduler;
    }

    @Override
    public void onOpened(Connection connection) {
        waiting.add(connection);
        scheduler.schedule(
                () -> {
                    if (waiting.remove(connection)) {
                        connection.getEndPoint().close();
                    }
                },
                timeout.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void onClosed(Connection connection) {
        waiting.remove(connection);
    }

    /** The filter that tells this listener a connection's request arrived whole (it reached the servlets). */
    WallFilter arrivals() {
        return new WallFilter() {
            @Override
            void filter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws IOException, ServletException {
                ServletContextRequest servletRequest = ServletContextRequest.getServletContextRequest(request);
                if (servletRequest != null) {
                    waiting.remove(servletRequest.getConnectionMetaData().getConnection());
                }
                chain.doFilter(request, response);
            }
        };
    }
}
