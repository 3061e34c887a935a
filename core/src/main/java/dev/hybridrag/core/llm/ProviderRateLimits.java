package dev.hybridrag.core.llm;

import dev.hybridrag.core.llm.LlmException.Kind;
import io.github.resilience4j.micrometer.tagged.TaggedRateLimiterMetricsPublisher;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;

/**
 * A provider's requests-per-minute and tokens-per-minute limits, held on our side so we rarely see a 429.
 *
 * <p>A per-minute limit L becomes {@code ceil(L / 60)} permits every {@code 60 s * permits / L} (about a second): the
 * rate is exactly L per minute and a burst never exceeds one period's permits, about L/60, where a plain "L permits
 * per minute" limiter would let 2L through across a minute boundary.
 */
final class ProviderRateLimits {

    private final RateLimiter requests;
    private final RateLimiter tokens;
    private final int tokensPerMinute;
    private final Duration maxWait;

    /** @param maxWait how long a call may wait for permits before it is refused */
    ProviderRateLimits(String name, CallLimits limits, Duration maxWait) {
        this.requests = limiter(name + "-requests", limits.requestsPerMinute(), maxWait);
        this.tokens = limiter(name + "-tokens", limits.tokensPerMinute(), maxWait);
        this.tokensPerMinute = limits.tokensPerMinute();
        this.maxWait = maxWait;
    }

    /** Waits for one request and {@code estimatedTokens} tokens (at most a minute's worth). */
    void acquire(int estimatedTokens) throws LlmException {
        if (requests != null && !requests.acquirePermission(1)) {
            throw refused("request");
        }
        if (tokens != null && estimatedTokens > 0 && !tokens.acquirePermission(capped(estimatedTokens))) {
            throw refused("token");
        }
    }

    /** Charges tokens used beyond the estimate (the completion) to the calls that come next. */
    void settle(int estimatedTokens, int usedTokens) {
        if (tokens != null && usedTokens > estimatedTokens) {
            tokens.reservePermission(capped(usedTokens - estimatedTokens));
        }
    }

    void publishMetrics(TaggedRateLimiterMetricsPublisher publisher) {
        if (requests != null) {
            publisher.publishMetrics(requests);
        }
        if (tokens != null) {
            publisher.publishMetrics(tokens);
        }
    }

    static RateLimiterConfig perMinute(int limit, Duration maxWait) {
        int permits = Math.ceilDiv(limit, 60);
        return RateLimiterConfig.custom()
                .limitForPeriod(permits)
                // rounded up, so the limiter is never faster than the limit
                .limitRefreshPeriod(
                        Duration.ofNanos(Math.ceilDiv(Duration.ofMinutes(1).toNanos() * permits, limit)))
                .timeoutDuration(maxWait)
                .build();
    }

    private int capped(int tokenCount) {
        return Math.min(tokenCount, tokensPerMinute);
    }

    private LlmException refused(String what) {
        return new LlmException(
                Kind.REFUSED_LOCALLY, "no " + what + " rate-limit permit within " + maxWait + "; too much queued");
    }

    private static RateLimiter limiter(String name, int perMinute, Duration maxWait) {
        return perMinute > 0 ? RateLimiter.of(name, perMinute(perMinute, maxWait)) : null;
    }
}
