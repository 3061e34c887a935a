package dev.hybridrag.core.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProviderRateLimitsTest {

    private static final Duration WAIT = Duration.ofMinutes(1);

    @Test
    void aPerMinuteLimitIsSpreadOverAboutOneSecondPeriodsAtExactlyTheRate() {
        assertPeriods(120, 2, Duration.ofSeconds(1));
        assertPeriods(30, 1, Duration.ofSeconds(2));
        assertPeriods(90, 2, Duration.ofNanos(1_333_333_334));
        assertPeriods(100_000, 1667, Duration.ofNanos(1_000_200_000));
    }

    @Test
    void neverFasterThanTheLimit() {
        for (int limit : new int[] {1, 7, 59, 61, 119, 1000, 33_333, 2_000_000}) {
            RateLimiterConfig config = ProviderRateLimits.perMinute(limit, WAIT);
            double perMinute = config.getLimitForPeriod()
                    * 60e9
                    / config.getLimitRefreshPeriod().toNanos();
            assertThat(perMinute).isLessThanOrEqualTo(limit).isGreaterThan(limit * 0.9999);
            assertThat(config.getLimitRefreshPeriod()).isLessThanOrEqualTo(Duration.ofMinutes(1));
        }
    }

    @Test
    void tokensAreDrawnFromTheTokenLimitAndAWaitTooLongIsRefused() throws LlmException {
        var limits = CallLimits.builder()
                .maxAttempts(1)
                .backoff(Duration.ofMillis(1), Duration.ofMillis(1))
                .tokensPerMinute(600)
                .maxConcurrentCalls(1)
                .timeout(WAIT)
                .build();
        ProviderRateLimits rateLimits = new ProviderRateLimits("test", limits, Duration.ofMillis(100));

        rateLimits.acquire(10); // the first period's 10 tokens

        assertThatThrownBy(() -> rateLimits.acquire(10)).isInstanceOfSatisfying(LlmException.class, e -> {
            assertThat(e.kind()).isEqualTo(LlmException.Kind.REFUSED_LOCALLY);
            assertThat(e).hasMessageContaining("token rate-limit permit");
        });
    }

    private static void assertPeriods(int limit, int permits, Duration period) {
        RateLimiterConfig config = ProviderRateLimits.perMinute(limit, WAIT);
        assertThat(config.getLimitForPeriod()).isEqualTo(permits);
        assertThat(config.getLimitRefreshPeriod()).isEqualTo(period);
    }
}
