package dev.hybridrag.query.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RouteTableTest {

    private static final Route.Handler NOTHING = exchange -> {};
    private final RouteTable table = new RouteTable(List.of(
            Route.get("/healthz", Object.class, NOTHING),
            Route.get("/v1/tenants/{tenant}/graph/entities", Object.class, NOTHING),
            Route.get("/v1/tenants/{tenant}/graph/entities/{name}", Object.class, NOTHING),
            Route.post("/v1/tenants/{tenant}/query", Object.class, NOTHING)));

    @Test
    void theLastVariableTakesTheRestOfThePathSlashesIncluded() {
        RouteTable.Match match = table.match("GET", "/v1/tenants/team_a/graph/entities/src/main/App.java");

        assertThat(match.route().template()).isEqualTo("/v1/tenants/{tenant}/graph/entities/{name}");
        assertThat(match.variables()).containsEntry("tenant", "team_a").containsEntry("name", "src/main/App.java");
    }

    @Test
    void aFixedEndBeatsAVariableThatWouldBeEmpty() {
        assertThat(table.match("GET", "/v1/tenants/a/graph/entities").route().template())
                .isEqualTo("/v1/tenants/{tenant}/graph/entities");
        assertThatThrownBy(() -> table.match("GET", "/v1/tenants//query"))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void aKnownPathWithAnotherMethodIs405NamingTheAllowedOne() {
        assertThatThrownBy(() -> table.match("GET", "/v1/tenants/a/query"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(405);
                    assertThat(e.getMessage()).contains("POST");
                });
    }

    @Test
    void anUnknownPathIs404AndTwoRoutesForOneEndpointAreRefused() {
        assertThatThrownBy(() -> table.match("GET", "/v1/tenants/a/nothing"))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> new RouteTable(List.of(
                        Route.get("/healthz", Object.class, NOTHING), Route.get("/healthz", Object.class, NOTHING))))
                .hasMessageContaining("GET /healthz");
    }
}
