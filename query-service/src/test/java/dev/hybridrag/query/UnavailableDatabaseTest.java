package dev.hybridrag.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.tenant.PostgresSettings;
import dev.hybridrag.core.testing.TestInfrastructure;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tenant whose PostgreSQL cannot be reached (here: nothing listens on its port) is answered 503 with Retry-After
 * and a message that gives away neither SQL nor the server's coordinates, instead of a 500 "internal error": the
 * request was fine, and the same one may work shortly.
 */
class UnavailableDatabaseTest {

    @TempDir
    Path inbox;

    @Test
    void anUnreachableDatabaseIsAServiceUnavailableAnswer() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        PostgresSettings nowhere = new PostgresSettings("127.0.0.1", closedPort, "gone", "gone_user", "s3cret-pw");
        try (Infrastructure infra = TestInfrastructure.create(
                "127.0.0.1:1",
                Map.of("HYBRIDRAG_PG_CONNECTION_WAIT_SECONDS", "1"),
                TestInfrastructure.tenant("away", nowhere, inbox))) {
            QueryServer server = new QueryServer(infra, new InetSocketAddress("127.0.0.1", 0));
            server.start();
            try {
                HttpClient client = HttpClient.newHttpClient();
                String base = "http://127.0.0.1:" + server.port() + "/v1/tenants/away";
                HttpResponse<String> status = client.send(
                        HttpRequest.newBuilder(URI.create(base + "/status")).build(),
                        HttpResponse.BodyHandlers.ofString());
                HttpResponse<String> query = client.send(
                        HttpRequest.newBuilder(URI.create(base + "/query"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"x\",\"mode\":\"naive\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

                for (HttpResponse<String> response : new HttpResponse[] {status, query}) {
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
                    assertThat(response.headers().firstValue("Retry-After")).contains("5");
                    assertThat(response.body())
                            .contains("unavailable")
                            .doesNotContain(Integer.toString(closedPort))
                            .doesNotContain("gone_user")
                            .doesNotContain("s3cret-pw");
                }
            } finally {
                server.close();
            }
        }
    }
}
