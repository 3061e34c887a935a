package dev.hybridrag.core.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CallLimitsTest {

    @Test
    void theBuilderChangesOnlyWhatItIsToldAndChecksTheResult() {
        CallLimits limits =
                CallLimits.builder().maxAttempts(2).tokensPerMinute(600).build();

        assertThat(limits.maxAttempts()).isEqualTo(2);
        assertThat(limits.tokensPerMinute()).isEqualTo(600);
        assertThat(limits.toBuilder().maxAttempts(6).tokensPerMinute(0).build()).isEqualTo(CallLimits.defaults());
        assertThatThrownBy(() -> CallLimits.builder().maxConcurrentCalls(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxConcurrentCalls must be at least 1, was 0");
        assertThatThrownBy(() -> CallLimits.builder().timeout(Duration.ZERO).build())
                .hasMessageContaining("timeout must be positive");
    }
}
