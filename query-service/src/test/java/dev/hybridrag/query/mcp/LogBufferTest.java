package dev.hybridrag.query.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import dev.hybridrag.core.tenant.TenantId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogBufferTest {

    private final LoggerContext context = new LoggerContext();
    private final LogBuffer buffer = new LogBuffer();

    LogBufferTest() {
        buffer.setContext(context);
        buffer.start();
    }

    @Test
    void aTenantSeesOnlyEntriesAboutItself() {
        log(Level.WARN, "tenant {}: LLM answer failed: timeout", TenantId.of("team_a"));
        log(Level.WARN, "tenant {}: LLM answer failed: quota", TenantId.of("team_b"));
        log(Level.INFO, "query-service listening");

        assertThat(buffer.recent("team_a", false, Level.DEBUG, "", 10))
                .extracting(LogBuffer.Entry::message)
                .containsExactly("tenant team_a: LLM answer failed: timeout");
        assertThat(buffer.recent("team_a", true, Level.DEBUG, "", 10)).hasSize(2);
    }

    @Test
    void levelTextAndLimitFilterNewestLast() {
        for (int i = 0; i < 5; i++) {
            log(Level.INFO, "entry {} for {}", i, TenantId.of("t"));
        }
        log(Level.ERROR, "broken {}", TenantId.of("t"));

        assertThat(buffer.recent("t", false, Level.INFO, "", 2))
                .extracting(LogBuffer.Entry::message)
                .containsExactly("entry 4 for t", "broken t");
        assertThat(buffer.recent("t", false, Level.ERROR, "", 10)).hasSize(1);
        assertThat(buffer.recent("t", false, Level.DEBUG, "ENTRY 3", 10)).hasSize(1);
    }

    @Test
    void theBufferIsBoundedAndMasksAnythingShapedLikeACredential() {
        for (int i = 0; i < LogBuffer.CAPACITY + 10; i++) {
            log(Level.INFO, "line {} {}", i, TenantId.of("t"));
        }
        assertThat(buffer.recent("t", false, Level.DEBUG, "", 10_000)).hasSize(LogBuffer.CAPACITY);

        assertThat(LogBuffer.mask("sent Authorization: Bearer abc.def-123 to the provider"))
                .isEqualTo("sent Authorization: Bearer **** to the provider");
        assertThat(LogBuffer.mask("api_key=sk-live-0123456789 password: hunter2 key sk-abcdefghijkl"))
                .doesNotContain("0123456789", "hunter2", "abcdefghijkl");
    }

    private void log(Level level, String message, Object... arguments) {
        LoggingEvent event =
                new LoggingEvent("test", context.getLogger("dev.hybridrag.test"), level, message, null, arguments);
        event.setMDCPropertyMap(Map.of());
        buffer.doAppend(event);
    }
}
