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

    public static CallLimits defaults() {
        return new CallLimits(6, Duration.ofSeconds(1), Duration.ofSeconds(60), 0, 0, 4, Duration.ofSeconds(120), 0, 0);
    }
}
