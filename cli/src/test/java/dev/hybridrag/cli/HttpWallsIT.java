package dev.hybridrag.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.config.ConfigException;
import dev.hybridrag.core.tenant.ApiKeys;
import dev.hybridrag.core.tenant.Isolation;
import dev.hybridrag.core.tenant.ModelSettings;
import dev.hybridrag.core.tenant.PostgresSettings;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.core.tenant.TenantId;
import dev.hybridrag.core.testing.Sockets;
import dev.hybridrag.core.testing.TestInfrastructure;
import dev.hybridrag.query.QueryService;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The HTTP walls probed as an attacker would, over raw sockets so every header is the attacker's own (docs/security.md):
 * foreign Host names, cross-origin and text/plain POSTs, half-sent and trickled requests, and a key-guessing loop.
 * The tenants' database is unreachable on purpose: a request that passes every wall is answered 503 by its route,
 * which tells it apart from one a wall refused.
 */
class HttpWallsIT {

    private static final String KEY = "the-right-key-0123456789";

    private static final PostgresSettings NOWHERE = new PostgresSettings("127.0.0.1", 1, "gone", "gone", "gone");

    /** A fresh service per test: the key-guess throttle a test fills must not refuse the next test's requests. */
    @RegisterExtension
    final RunningPipeline pipeline = RunningPipeline.with(ServiceKind.query)
            .settings(Map.of(
                    "HYBRIDRAG_PG_CONNECTION_WAIT_SECONDS", "1",
                    "HYBRIDRAG_HTTP_HEADER_TIMEOUT_MS", "3000",
                    "HYBRIDRAG_HTTP_ALLOWED_ORIGINS", "https://ui.example",
                    "HYBRIDRAG_HTTP_FAILED_KEYS_PER_MINUTE", "5"))
            .tenants(pipeline -> List.of(
                    TestInfrastructure.tenant("open", NOWHERE, pipeline.root()),
                    new TenantConfig(
                            TenantId.of("locked"),
                            Isolation.WORKSPACE,
                            NOWHERE,
                            List.of(),
                            ModelSettings.offline(),
                            ApiKeys.of(List.of(KEY)))));

    @Test
    void aForeignHostIsRefusedAndLoopbackNamesAreAnswered() throws Exception {
        assertThat(status(get("/healthz", "Host: attacker.example"))).isEqualTo(421);
        assertThat(status(get(
                        "/v1/tenants/open/status",
                        "Host: attacker.example:" + pipeline.services().queryPort())))
                .isEqualTo(421);
        assertThat(status(
                        get("/healthz", "Host: 127.0.0.1:" + pipeline.services().queryPort())))
                .isEqualTo(200);
        assertThat(status(get("/healthz", "Host: localhost"))).isEqualTo(200);
    }

    /**
     * A client that reaches the service by its address (the CLI and Prometheus in Compose, where a container's name
     * with an underscore cannot be a URI's host) sends that address as Host; another address is still refused.
     */
    @Test
    void theAddressAConnectionWasMadeToIsAnsweredAndNoOtherAddress() throws Exception {
        try (RunningServices second = RunningServices.start(listeningOn("127.0.0.2"), ServiceKind.query)) {
            int port = second.queryPort();
            InetSocketAddress at = new InetSocketAddress("127.0.0.2", port);
            assertThat(status(request(at, rawGet("/healthz", "Host: 127.0.0.2:" + port))))
                    .isEqualTo(200);
            assertThat(status(request(at, rawGet("/healthz", "Host: 127.0.0.3"))))
                    .isEqualTo(421);
            assertThat(status(request(at, rawGet("/healthz", "Host: 127.0.0.2.attacker.example"))))
                    .isEqualTo(421);
        }
    }

    @Test
    void crossSiteAndTextPlainPostsAreRefusedAndAllowedOriginsGetCors() throws Exception {
        String body = "{\"query\":\"x\",\"mode\":\"naive\"}";
        String crossSite = post("/v1/tenants/open/query", "text/plain", body, "Origin: http://attacker.example");
        assertThat(status(crossSite)).isEqualTo(403);
        assertThat(status(post("/v1/tenants/open/query", "text/plain", body))).isEqualTo(415);
        assertThat(status(post("/v1/tenants/open/query", "application/x-www-form-urlencoded", "q=x")))
                .isEqualTo(415);
        assertThat(status(post("/v1/tenants/open/query", "application/json", body)))
                .isEqualTo(503);
        // Uploads are multipart by nature: from a foreign site still refused, and multipart nowhere else.
        String multipart = "multipart/form-data; boundary=b";
        String part = "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.md\"\r\n\r\nx\r\n--b--\r\n";
        assertThat(status(
                        post("/v1/tenants/open/documents/upload", multipart, part, "Origin: http://attacker.example")))
                .isEqualTo(403);
        assertThat(status(post("/v1/tenants/open/query", multipart, part))).isEqualTo(415);
        assertThat(post("/v1/tenants/open/documents/upload", multipart, part))
                .as("past the walls, the resource answers: this tenant takes no writes")
                .contains("does not accept documents over the API");

        String refusedPreflight = request(
                "OPTIONS /v1/tenants/open/query HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Origin: http://attacker.example\r\nAccess-Control-Request-Method: POST\r\nConnection: close\r\n\r\n");
        assertThat(status(refusedPreflight)).isEqualTo(403);
        String preflight = request("OPTIONS /v1/tenants/open/query HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Origin: https://ui.example\r\nAccess-Control-Request-Method: POST\r\n"
                + "Access-Control-Request-Headers: content-type\r\nConnection: close\r\n\r\n");
        assertThat(status(preflight)).isEqualTo(204);
        assertThat(preflight)
                .containsIgnoringCase("Access-Control-Allow-Origin: https://ui.example")
                .containsIgnoringCase("Access-Control-Allow-Headers: Authorization, Content-Type");
        String allowed = post("/v1/tenants/open/query", "application/json", body, "Origin: https://ui.example");
        assertThat(allowed).containsIgnoringCase("Access-Control-Allow-Origin: https://ui.example");
    }

    @Test
    void halfSentAndTrickledRequestsAreClosedWhileRealOnesAreAnswered() throws Exception {
        List<Socket> halfOpen = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                Socket socket = new Socket("127.0.0.1", pipeline.services().queryPort());
                socket.getOutputStream()
                        .write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
                halfOpen.add(socket);
            }
            Socket trickle = new Socket("127.0.0.1", pipeline.services().queryPort());
            halfOpen.add(trickle);
            Thread dripper = Thread.ofVirtual().start(() -> drip(trickle));
            assertThat(status(get("/healthz", "Host: 127.0.0.1"))).isEqualTo(200);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> halfOpen.stream().allMatch(socket -> Sockets.closedByServer(socket, 50)));
            dripper.interrupt();
            assertThat(status(get("/healthz", "Host: 127.0.0.1"))).isEqualTo(200);
        } finally {
            for (Socket socket : halfOpen) {
                socket.close();
            }
        }
    }

    @Test
    void aKeyGuessingLoopIsThrottledPerAddressAndTheRightKeyStillWorksElsewhere() throws Exception {
        List<Integer> statuses = new ArrayList<>();
        for (int guess = 0; guess < 8; guess++) {
            statuses.add(status(get("/v1/tenants/locked/status", "Host: 127.0.0.1", "X-API-Key: guess-" + guess)));
        }
        assertThat(statuses.subList(0, 5)).containsOnly(401);
        assertThat(statuses.subList(5, 8)).containsOnly(429);
        // The address is throttled before its key is looked at, whatever key it brings now.
        assertThat(status(get("/v1/tenants/locked/status", "Host: 127.0.0.1", "X-API-Key: " + KEY)))
                .isEqualTo(429);
    }

    @Test
    void aKeylessTenantIsNotServedBeyondLoopbackUnlessAllowed() throws Exception {
        assertThatThrownBy(() -> RunningServices.start(listeningOn("0.0.0.0"), ServiceKind.query))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("[open]")
                .hasMessageContaining("HYBRIDRAG_ALLOW_ANONYMOUS");
        Infrastructure allowing = pipeline.infrastructure(
                Map.of("HYBRIDRAG_QUERY_HOST", "0.0.0.0", "HYBRIDRAG_ALLOW_ANONYMOUS", "true"), tenants());
        try (RunningServices anywhere = RunningServices.start(allowing, ServiceKind.query)) {
            assertThat(anywhere.get(QueryService.class).port()).isPositive();
        }
    }

    /** The pipeline's tenants on another infrastructure whose query-service listens on {@code host}. */
    private Infrastructure listeningOn(String host) {
        return pipeline.infrastructure(Map.of("HYBRIDRAG_QUERY_HOST", host), tenants());
    }

    private TenantConfig[] tenants() {
        return pipeline.infra().tenants().all().toArray(TenantConfig[]::new);
    }

    private void drip(Socket socket) {
        try {
            OutputStream out = socket.getOutputStream();
            for (byte b : "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII)) {
                out.write(b);
                out.flush();
                Thread.sleep(200);
            }
            while (true) {
                out.write('a');
                out.flush();
                Thread.sleep(200);
            }
        } catch (Exception e) {
            // closed by the server (the point), or interrupted at the end
        }
    }

    private String get(String path, String... headers) throws Exception {
        return request(rawGet(path, headers));
    }

    private static String rawGet(String path, String... headers) {
        return "GET " + path + " HTTP/1.1\r\n" + String.join("\r\n", headers) + "\r\nConnection: close\r\n\r\n";
    }

    private String post(String path, String contentType, String body, String... headers) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String extra = headers.length == 0 ? "" : String.join("\r\n", headers) + "\r\n";
        return request("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extra + "Content-Type: " + contentType
                + "\r\nContent-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n" + body);
    }

    private String request(String raw) throws Exception {
        return request(new InetSocketAddress("127.0.0.1", pipeline.services().queryPort()), raw);
    }

    private static String request(InetSocketAddress at, String raw) throws Exception {
        try (Socket socket = new Socket(at.getAddress(), at.getPort())) {
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write(raw.getBytes(StandardCharsets.UTF_8));
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static int status(String response) {
        return Integer.parseInt(response.substring(9, 12));
    }
}
