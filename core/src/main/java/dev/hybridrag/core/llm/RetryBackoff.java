package dev.hybridrag.core.llm;

import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * When to try a failed provider call again: at once for nothing, after exactly the provider's Retry-After when it sent
 * one (up to {@link CallLimits#retryAfterLimit()}; a longer wait fails the call at once instead), else after an
 * exponential backoff with "equal jitter": half the backoff fixed, half random, so retries never collapse to zero yet
 * concurrent callers spread out.
 */
final class RetryBackoff implements IntervalBiFunction<Object> {

    private final long initialMillis;
    private final long maxMillis;
    private final RandomGenerator random;

    private RetryBackoff(CallLimits limits, RandomGenerator random) {
        this.initialMillis = Math.max(1, limits.initialBackoff().toMillis());
        this.maxMillis = Math.max(initialMillis, limits.maxBackoff().toMillis());
        this.random = random;
    }

    /** @param random shared by concurrent calls, so it must be thread-safe ({@link java.util.Random} is) */
    static Retry retry(String name, CallLimits limits, RandomGenerator random) {
        Duration retryAfterLimit = limits.retryAfterLimit();
        RetryConfig config = RetryConfig.<Object>custom()
                .maxAttempts(limits.maxAttempts())
                .retryOnException(e -> e instanceof LlmException failure
                        && failure.retryable()
                        && failure.retryAfter()
                                .map(wait -> wait.compareTo(retryAfterLimit) <= 0)
                                .orElse(true))
                .intervalBiFunction(new RetryBackoff(limits, random))
                .build();
        return Retry.of(name, config);
    }

    /** @param attempt 1 before the first retry */
    @Override
    public Long apply(Integer attempt, Either<Throwable, Object> outcome) {
        if (outcome.isLeft() && outcome.getLeft() instanceof LlmException failure) {
            Duration retryAfter = failure.retryAfter().orElse(null);
            if (retryAfter != null) {
                return retryAfter.toMillis();
            }
        }
        return backoff(attempt);
    }

    long backoff(int attempt) {
        int doublings = Math.min(Math.max(attempt - 1, 0), 40);
        long ceiling = Math.min(maxMillis, initialMillis << doublings);
        long half = ceiling / 2;
        return ceiling - half + random.nextLong(half + 1);
    }
}
