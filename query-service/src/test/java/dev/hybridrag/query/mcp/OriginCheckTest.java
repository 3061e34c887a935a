package dev.hybridrag.query.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OriginCheckTest {

    private final OriginCheck check = new OriginCheck(List.of("https://app.example.com/"));

    @Test
    void clientsThatSendNoOriginPass() throws Exception {
        check.validateHeaders(Map.of("Accept", List.of("application/json")));
    }

    @Test
    void loopbackAndListedOriginsPass() {
        assertThat(check.allows("http://localhost:6274")).isTrue();
        assertThat(check.allows("http://127.0.0.1")).isTrue();
        assertThat(check.allows("http://[::1]:3000")).isTrue();
        assertThat(check.allows("https://APP.example.com")).isTrue();
    }

    @Test
    void aPageFromElsewhereIsRefusedEvenWhenItsNameResolvesToLoopback() {
        assertThat(check.allows("http://evil.example")).isFalse();
        assertThat(check.allows("http://localhost.evil.example")).isFalse();
        assertThat(check.allows("null")).isFalse();
        assertThatThrownBy(() -> check.validateHeaders(Map.of("origin", List.of("http://evil.example"))))
                .isInstanceOf(ServerTransportSecurityException.class)
                .hasMessageContaining("http://evil.example");
    }
}
