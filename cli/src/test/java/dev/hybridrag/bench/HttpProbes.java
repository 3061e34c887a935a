package dev.hybridrag.bench;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * HTTP probes over raw sockets, so every header is the attacker's: foreign Host names, cross-origin and non-JSON
 * POSTs, half-open connections, slow-sending clients over a tenant's cap, and a key-guessing loop.
 */
final class HttpProbes {

    private static final String BODY = "{\"query\":\"what is stored here?\",\"mode\":\"naive\"}";

    private final int port;
    private final String key;

    HttpProbes(int port, String key) {
        this.port = port;
        this.key = key;
    }

    void run(SecurityTally tally, List<String> notes) throws Exception {
        int hosts = refusedWith(421, get("/healthz", "attacker.example"))
                + refusedWith(421, post("/v1/tenants/open/query", "attacker.example:" + port, "application/json", ""));
        tally.add("HTTP", "foreign Host (DNS rebinding): GET and POST", 2, hosts, "421");
        int origins = refusedWith(
                        421, // the Host wall answers before the origin wall looks
                        post(
                                "/v1/tenants/open/query",
                                "attacker.example",
                                "text/plain",
                                "Origin: http://attacker.example\r\n"))
                + refusedWith(
                        403,
                        post(
                                "/v1/tenants/open/query",
                                "127.0.0.1",
                                "application/json",
                                "Origin: http://attacker.example\r\n"))
                + refusedWith(
                        403,
                        request("OPTIONS /v1/tenants/open/query HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                + "Origin: http://attacker.example\r\nAccess-Control-Request-Method: POST\r\n"
                                + "Connection: close\r\n\r\n"));
        tally.add(
                "HTTP",
                "cross-origin: the issue's text/plain POST, a JSON POST, a preflight",
                3,
                origins,
                "403 (421 first for a foreign Host)");
        int bodies = refusedWith(415, post("/v1/tenants/open/query", "127.0.0.1", "text/plain", ""))
                + refusedWith(415, post("/v1/tenants/open/query", "127.0.0.1", "application/x-www-form-urlencoded", ""))
                + refusedWith(415, post("/v1/tenants/open/query", "127.0.0.1", "multipart/form-data; boundary=x", ""));
        tally.add("HTTP", "POST bodies as text/plain, form, multipart (no Origin)", 3, bodies, "415");
        halfOpen(tally, notes);
        slowSenders(tally);
        guesses(tally);
    }

    private void halfOpen(SecurityTally tally, List<String> notes) throws Exception {
        List<Socket> sockets = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < 500; i++) {
            Socket socket = new Socket("127.0.0.1", port);
            socket.getOutputStream()
                    .write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
            sockets.add(socket);
        }
        int answered = 0;
        int asked = 0;
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (sockets.stream().anyMatch(s -> !s.isClosed() && !SecurityBenchmark.closedByServer(s))
                && System.nanoTime() < deadline) {
            asked++;
            answered += status(get("/healthz", "127.0.0.1")) == 200 ? 1 : 0;
            Thread.sleep(200);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        int closed =
                (int) sockets.stream().filter(SecurityBenchmark::closedByServer).count();
        for (Socket socket : sockets) {
            socket.close();
        }
        tally.add(
                "HTTP",
                "500 half-open connections (half a request, then silence)",
                500,
                closed,
                "closed by the header timeout (10 s)");
        notes.add(
                "The 500 half-open connections were all closed %.1f s after the first was opened (header timeout 10 s);"
                                .formatted(seconds)
                        + " meanwhile %d of %d real requests were answered 200.".formatted(answered, asked));
    }

    /** 40 clients that send a query's headers and a little of its body, then stop: the tenant's cap is 32. */
    private void slowSenders(SecurityTally tally) throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 32; i++) {
                Socket socket = new Socket("127.0.0.1", port);
                socket.getOutputStream()
                        .write(("POST /v1/tenants/open/query HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                        + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"query\":")
                                .getBytes(StandardCharsets.US_ASCII));
                slow.add(socket);
            }
            Thread.sleep(1000);
            int refused = 0;
            for (int i = 0; i < 8; i++) {
                refused += refusedWith(429, post("/v1/tenants/open/query", "127.0.0.1", "application/json", ""));
            }
            tally.add(
                    "HTTP",
                    "8 more requests while 32 slow clients hold tenant open's cap",
                    8,
                    refused,
                    "429 Retry-After");
            boolean others = status(get("/v1/tenants/locked/status", "127.0.0.1", "X-API-Key: " + key)) != 429;
            if (!others) {
                throw new IllegalStateException("another tenant was held up by tenant open's slow clients");
            }
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    private void guesses(SecurityTally tally) throws Exception {
        int refused = 0;
        int throttled = 0;
        for (int i = 0; i < 50; i++) {
            int status = status(get("/v1/tenants/locked/status", "127.0.0.1", "X-API-Key: guess-" + i));
            refused += status == 401 || status == 403 || status == 429 ? 1 : 0;
            throttled += status == 429 ? 1 : 0;
        }
        tally.add(
                "HTTP",
                "a key-guessing loop (50 wrong keys from one address)",
                50,
                refused,
                "401 for the first 20, then 429 (" + throttled + " of 50)");
    }

    private String get(String path, String host, String... headers) throws IOException {
        StringBuilder extra = new StringBuilder();
        for (String header : headers) {
            extra.append(header).append("\r\n");
        }
        return request("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + extra + "Connection: close\r\n\r\n");
    }

    private String post(String path, String host, String contentType, String extraHeaders) throws IOException {
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        return request("POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + extraHeaders + "Content-Type: "
                + contentType + "\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n" + BODY);
    }

    private String request(String raw) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(raw.getBytes(StandardCharsets.UTF_8));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static int status(String response) {
        return response.length() < 12 ? -1 : Integer.parseInt(response.substring(9, 12));
    }

    private static int refusedWith(int expected, String response) {
        return status(response) == expected ? 1 : 0;
    }
}
