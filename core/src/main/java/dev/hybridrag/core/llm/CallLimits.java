package dev.hybridrag.core.llm;

import java.time.Duration;

/**
 * The resilience settings around one provider.
 *
 * @param maxAttempts attempts per call including the first (retries = maxAttempts - 1)
 * @param initialBackoff first backoff; doubles each attempt up to {@code maxBackoff}, with jitter
 * @param requestsPerMinute 0 for no limit
 * @param tokensPerMinute estimated prompt + completion tokens; 0 for no limit
 * @param maxConcurrentCalls bulkhead size
 * @param timeout per HTTP request
 * @param dailyBudgetUsd 0 for no limit
 * @param usdPerMillionTokens price used to estimate spend (prompt and completion alike)
 */
public record CallLimits(
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        int requestsPerMinute,
        int tokensPerMinute,
        int maxConcurrentCalls,
        Duration timeout,
        double dailyBudgetUsd,
        double usdPerMillionTokens) {

    /** Retry-After waits up to this long are honoured even when {@code maxBackoff} is shorter. */
    public static final Duration MIN_RETRY_AFTER_LIMIT = Duration.ofMinutes(2);

    public CallLimits {
        require(maxAttempts >= 1, "maxAttempts must be at least 1, was " + maxAttempts);
        require(maxConcurrentCalls >= 1, "maxConcurrentCalls must be at least 1, was " + maxConcurrentCalls);
        require(requestsPerMinute >= 0, "requestsPerMinute must not be negative, was " + requestsPerMinute);
        require(tokensPerMinute >= 0, "tokensPerMinute must not be negative, was " + tokensPerMinute);
        require(dailyBudgetUsd >= 0, "dailyBudgetUsd must not be negative, was " + dailyBudgetUsd);
        require(usdPerMillionTokens >= 0, "usdPerMillionTokens must not be negative, was " + usdPerMillionTokens);
        require(notNegative(initialBackoff), "initialBackoff must not be negative, was " + initialBackoff);
        require(notNegative(maxBackoff), "maxBackoff must not be negative, was " + maxBackoff);
        require(timeout != null && timeout.isPositive(), "timeout must be positive, was " + timeout);
    }

    public static CallLimits defaults() {
        return new CallLimits(6, Duration.ofSeconds(1), Duration.ofSeconds(60), 0, 0, 4, Duration.ofSeconds(120), 0, 0);
    }

    /**
     * The longest Retry-After the retry waits out: {@code maxBackoff} or two minutes, whichever is longer. A provider
     * asking for more (a quota exhausted for hours) fails the call at once, so the caller can park the work.
     */
    public Duration retryAfterLimit() {
        return maxBackoff.compareTo(MIN_RETRY_AFTER_LIMIT) > 0 ? maxBackoff : MIN_RETRY_AFTER_LIMIT;
    }

    private static boolean notNegative(Duration duration) {
        return duration != null && !duration.isNegative();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
