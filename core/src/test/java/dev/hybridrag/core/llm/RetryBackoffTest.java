package dev.hybridrag.core.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridrag.core.testing.TestLimits;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.Retry;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {

    private static final CallLimits LIMITS = TestLimits.QUICK.toBuilder()
            .maxAttempts(6)
            .backoff(Duration.ofMillis(100), Duration.ofMillis(1000))
            .build();

    @Test
    void backoffDoublesWithJitterInItsUpperHalfAndIsCapped() {
        Retry retry = RetryBackoff.retry("test", LIMITS, new Random(11));
        var interval = retry.getRetryConfig().getIntervalBiFunction();
        Either<Throwable, Object> serverError = Either.left(new LlmException(LlmException.Kind.SERVER_ERROR, "500"));

        for (int round = 0; round < 50; round++) {
            assertThat(interval.apply(1, serverError)).isBetween(50L, 100L);
            assertThat(interval.apply(2, serverError)).isBetween(100L, 200L);
            assertThat(interval.apply(4, serverError)).isBetween(400L, 800L);
            assertThat(interval.apply(5, serverError)).isBetween(500L, 1000L);
            assertThat(interval.apply(60, serverError)).isBetween(500L, 1000L);
        }
    }

    @Test
    void retryAfterIsUsedExactlyEvenBeyondTheMaximumBackoff() {
        var interval = RetryBackoff.retry("test", LIMITS, new Random(11))
                .getRetryConfig()
                .getIntervalBiFunction();
        var limited = new LlmException(LlmException.Kind.RATE_LIMITED, "429", Duration.ofSeconds(30), null);

        assertThat(interval.apply(1, Either.left(limited))).isEqualTo(30_000L);
    }

    @Test
    void onlyRetryableFailuresWithinTheRetryAfterLimitAreRetried() {
        var retryOn = RetryBackoff.retry("test", LIMITS, new Random(11))
                .getRetryConfig()
                .getExceptionPredicate();

        assertThat(retryOn.test(new LlmException(LlmException.Kind.TIMEOUT, "slow")))
                .isTrue();
        assertThat(retryOn.test(new LlmException(LlmException.Kind.REJECTED, "401")))
                .isFalse();
        assertThat(retryOn.test(new LlmException(LlmException.Kind.REFUSED_LOCALLY, "budget")))
                .isFalse();
        assertThat(retryOn.test(new LlmException(
                        LlmException.Kind.RATE_LIMITED, "429", CallLimits.MIN_RETRY_AFTER_LIMIT, null)))
                .isTrue();
        assertThat(retryOn.test(new LlmException(LlmException.Kind.RATE_LIMITED, "429", Duration.ofHours(1), null)))
                .isFalse();
        assertThat(retryOn.test(new IllegalStateException("bug"))).isFalse();
    }
}
