package dev.hybridrag.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridrag.core.tenant.PostgresSettings;
import dev.hybridrag.core.testing.TestInfrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A tenant whose PostgreSQL cannot be reached (here: nothing listens on its port) is answered 503 with Retry-After
 * and a message that gives away neither SQL nor the server's coordinates, instead of a 500 "internal error": the
 * request was fine, and the same one may work shortly.
 */
class UnavailableDatabaseIT {

    /** Nothing listens on this port: the tenant's database is away. */
    private static final int CLOSED_PORT = closedPort();

    @RegisterExtension
    final RunningPipeline pipeline = RunningPipeline.with(ServiceKind.query)
            .settings(Map.of("HYBRIDRAG_PG_CONNECTION_WAIT_SECONDS", "1"))
            .tenants(p -> List.of(TestInfrastructure.tenant(
                    "away",
                    new PostgresSettings("127.0.0.1", CLOSED_PORT, "gone", "gone_user", "s3cret-pw"),
                    p.root())));

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void anUnreachableDatabaseIsAServiceUnavailableAnswer() throws Exception {
        int closedPort = CLOSED_PORT;
        HttpClient client = HttpClient.newHttpClient();
        String base = pipeline.baseUrl() + "/v1/tenants/away";
        HttpResponse<String> status = client.send(
                HttpRequest.newBuilder(URI.create(base + "/status")).build(), HttpResponse.BodyHandlers.ofString());
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
    }
}
