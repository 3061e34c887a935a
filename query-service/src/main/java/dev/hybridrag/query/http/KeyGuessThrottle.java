package dev.hybridrag.query.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down API-key guessing: a client address whose requests were refused for their key (401 or 403) so many times
 * within a minute (HYBRIDRAG_HTTP_FAILED_KEYS_PER_MINUTE) gets 429 for the rest of that minute, before any key is
 * looked at. Keys are compared in constant time already; this bounds how many can be tried.
 */
final class KeyGuessThrottle extends WallFilter {

    private static final long WINDOW_MILLIS = 60_000;
    private static final int MAX_ADDRESSES = 10_000;

    private record Window(long start, int failures) {}

    private final int limit;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    KeyGuessThrottle(int limit, Clock clock) {
        this.limit = limit;
        this.clock = clock;
    }

    @Override
    void filter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String address = request.getRemoteAddr();
        long now = clock.millis();
        Window window = windows.get(address);
        if (window != null && now - window.start() < WINDOW_MILLIS && window.failures() >= limit) {
            long seconds = Math.max(1, (window.start() + WINDOW_MILLIS - now + 999) / 1000);
            refuse(
                    response,
                    429,
                    "too many requests with a wrong API key from this address; retry in " + seconds + " s",
                    Map.of("Retry-After", Long.toString(seconds)));
            return;
        }
        chain.doFilter(request, new Refusals(response, () -> failed(address, now)));
    }

    /**
     * Counts a refused key when its status is set, before the answer can reach the client: counted after the route
     * returned, a client's next guess on a new connection could be checked before this one was counted.
     */
    private static final class Refusals extends HttpServletResponseWrapper {

        private final Runnable failed;
        private boolean counted;

        Refusals(HttpServletResponse response, Runnable failed) {
            super(response);
            this.failed = failed;
        }

        @Override
        public void setStatus(int status) {
            note(status);
            super.setStatus(status);
        }

        @Override
        public void sendError(int status) throws IOException {
            note(status);
            super.sendError(status);
        }

        @Override
        public void sendError(int status, String message) throws IOException {
            note(status);
            super.sendError(status, message);
        }

        private void note(int status) {
            if ((status == 401 || status == 403) && !counted) {
                counted = true;
                failed.run();
            }
        }
    }

    private void failed(String address, long now) {
        if (windows.size() >= MAX_ADDRESSES) {
            windows.values().removeIf(window -> now - window.start() >= WINDOW_MILLIS);
        }
        windows.merge(
                address,
                new Window(now, 1),
                (old, fresh) ->
                        now - old.start() >= WINDOW_MILLIS ? fresh : new Window(old.start(), old.failures() + 1));
    }
}
