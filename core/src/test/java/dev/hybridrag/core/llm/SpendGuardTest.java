package dev.hybridrag.core.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.hybridrag.core.llm.LlmException.Kind;
import dev.hybridrag.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SpendGuardTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-02T08:00:00Z"));

    @Test
    void spendAccumulatesRefusesOverBudgetAndResetsAtUtcMidnight() throws LlmException {
        SpendGuard guard = new SpendGuard(1.0, 2.5, clock); // 2.50 USD per million tokens

        guard.record(200_000);
        guard.checkBudget();
        assertThat(guard.spentTodayUsd()).isCloseTo(0.5, within(1e-9));
        guard.record(200_000);
        assertThatThrownBy(guard::checkBudget).isInstanceOfSatisfying(LlmException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.REFUSED_LOCALLY);
            assertThat(e.retryable()).isFalse();
            assertThat(e).hasMessage("daily spend limit of 1.00 USD reached; extraction paused until 00:00 UTC");
        });

        clock.set(Instant.parse("2026-11-02T23:59:59Z"));
        assertThatThrownBy(guard::checkBudget).isInstanceOf(LlmException.class);
        clock.advance(Duration.ofSeconds(1));
        assertThatCode(guard::checkBudget).doesNotThrowAnyException();
        assertThat(guard.spentTodayUsd()).isZero();
    }

    @Test
    void aZeroBudgetMeansNoLimit() {
        SpendGuard guard = new SpendGuard(0, 10, clock);
        guard.record(1_000_000_000);
        assertThatCode(guard::checkBudget).doesNotThrowAnyException();
    }
}
