package dev.hybridrag.core.llm;

import java.time.Duration;

/**
 * The resilience settings around one tenant's provider calls, and what they may spend. Built with {@link #builder()}:
 * every value has a default, a call site names only what it changes.
 *
 * @param maxAttempts attempts per call including the first (retries = maxAttempts - 1)
 * @param initialBackoff first backoff; doubles each attempt up to {@code maxBackoff}, with jitter
 * @param requestsPerMinute 0 for no limit
 * @param tokensPerMinute estimated prompt + completion tokens; 0 for no limit
 * @param maxConcurrentCalls bulkhead size
 * @param timeout per HTTP request
 * @param dailyBudgetUsd the tenant's estimated spend per UTC day, fleet-wide; 0 for no limit
 * @param prices what each model's tokens cost, to estimate spend
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
        ModelPrices prices) {

    /** Retry-After waits up to this long are honoured even when {@code maxBackoff} is shorter. */
    public static final Duration MIN_RETRY_AFTER_LIMIT = Duration.ofMinutes(2);

    public CallLimits {
        require(maxAttempts >= 1, "maxAttempts must be at least 1, was " + maxAttempts);
        require(maxConcurrentCalls >= 1, "maxConcurrentCalls must be at least 1, was " + maxConcurrentCalls);
        require(requestsPerMinute >= 0, "requestsPerMinute must not be negative, was " + requestsPerMinute);
        require(tokensPerMinute >= 0, "tokensPerMinute must not be negative, was " + tokensPerMinute);
        require(dailyBudgetUsd >= 0, "dailyBudgetUsd must not be negative, was " + dailyBudgetUsd);
        require(prices != null, "prices must be given");
        require(notNegative(initialBackoff), "initialBackoff must not be negative, was " + initialBackoff);
        require(notNegative(maxBackoff), "maxBackoff must not be negative, was " + maxBackoff);
        require(timeout != null && timeout.isPositive(), "timeout must be positive, was " + timeout);
    }

    public static CallLimits defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these limits. */
    public Builder toBuilder() {
        return new Builder()
                .maxAttempts(maxAttempts)
                .backoff(initialBackoff, maxBackoff)
                .requestsPerMinute(requestsPerMinute)
                .tokensPerMinute(tokensPerMinute)
                .maxConcurrentCalls(maxConcurrentCalls)
                .timeout(timeout)
                .dailyBudgetUsd(dailyBudgetUsd)
                .prices(prices);
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

    /** Defaults: 6 attempts, backoff 1 s to 60 s, no rate limits, 4 concurrent calls, 120 s timeout, no budget. */
    public static final class Builder {
        private int maxAttempts = 6;
        private Duration initialBackoff = Duration.ofSeconds(1);
        private Duration maxBackoff = Duration.ofSeconds(60);
        private int requestsPerMinute;
        private int tokensPerMinute;
        private int maxConcurrentCalls = 4;
        private Duration timeout = Duration.ofSeconds(120);
        private double dailyBudgetUsd;
        private ModelPrices prices = ModelPrices.free();

        private Builder() {}

        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        public Builder backoff(Duration initial, Duration max) {
            this.initialBackoff = initial;
            this.maxBackoff = max;
            return this;
        }

        public Builder requestsPerMinute(int requestsPerMinute) {
            this.requestsPerMinute = requestsPerMinute;
            return this;
        }

        public Builder tokensPerMinute(int tokensPerMinute) {
            this.tokensPerMinute = tokensPerMinute;
            return this;
        }

        public Builder maxConcurrentCalls(int maxConcurrentCalls) {
            this.maxConcurrentCalls = maxConcurrentCalls;
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public Builder dailyBudgetUsd(double dailyBudgetUsd) {
            this.dailyBudgetUsd = dailyBudgetUsd;
            return this;
        }

        public Builder prices(ModelPrices prices) {
            this.prices = prices;
            return this;
        }

        public CallLimits build() {
            return new CallLimits(
                    maxAttempts,
                    initialBackoff,
                    maxBackoff,
                    requestsPerMinute,
                    tokensPerMinute,
                    maxConcurrentCalls,
                    timeout,
                    dailyBudgetUsd,
                    prices);
        }
    }
}
