package dev.hybridrag.core.llm;

import dev.hybridrag.core.llm.LlmException.Kind;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetricsPublisher;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetricsPublisher;
import io.github.resilience4j.micrometer.tagged.TaggedRateLimiterMetricsPublisher;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetricsPublisher;
import io.github.resilience4j.retry.Retry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The protection around every call of one tenant to one provider, shared by its chat and embedding decorators and by
 * every use of them (extraction, summaries, keywords, answers, embeddings), so a tenant's limits hold for all its
 * calls together. In order:
 *
 * <ol>
 *   <li>budget: over the tenant's fleet-wide daily budget, refuse before anything else is spent or counted; otherwise
 *       write the call down in the ledger at its estimate ({@link TenantBudget});
 *   <li>circuit breaker: around the whole retried call, so one outcome is recorded per call (after its retries) and an
 *       open circuit fails fast without waiting for permits; only retryable failures count, a 400 says nothing about
 *       the provider's health;
 *   <li>retry: each attempt goes through the limits below again, so retries are counted against the rate;
 *   <li>rate limiter (requests and tokens per minute): before the bulkhead, so a waiting call does not hold a slot;
 *   <li>bulkhead: at most {@code maxConcurrentCalls} HTTP calls in flight, waiting rather than rejecting;
 *   <li>the HTTP call.
 * </ol>
 */
public final class CallGuard {

    /** One attempt at a provider call. */
    @FunctionalInterface
    public interface ProviderCall<T> {
        T call() throws LlmException;
    }

    /** Circuit: opens when half of the last 20 calls (at least 10) failed after their retries; stays open 30 s. */
    static final Duration OPEN_DURATION = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(CallGuard.class);
    private static final Duration MAX_LOCAL_WAIT = Duration.ofMinutes(10);

    private final String name;
    private final TenantBudget budget;
    private final CircuitBreaker breaker;
    private final Retry retry;
    private final ProviderRateLimits rateLimits;
    private final Bulkhead bulkhead;

    /**
     * A guard with a budget of its own, in this process's memory (tests, models used without a database).
     *
     * @param clock the budget's day and the circuit breaker's open time
     */
    public CallGuard(String name, CallLimits limits, Clock clock, RandomGenerator random) {
        this(name, limits, TenantBudget.inMemory(name, limits, clock), clock, random);
    }

    /**
     * @param name the tenant and provider in messages and metrics, e.g. {@code team_a-openai}; never a key
     * @param budget the tenant's budget, shared by all its guards
     * @param clock the circuit breaker's open time
     * @param random backoff jitter; must be thread-safe
     */
    public CallGuard(String name, CallLimits limits, TenantBudget budget, Clock clock, RandomGenerator random) {
        this.name = name;
        this.budget = budget;
        this.breaker = CircuitBreaker.of(
                name,
                CircuitBreakerConfig.custom()
                        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                        .slidingWindowSize(20)
                        .minimumNumberOfCalls(10)
                        .failureRateThreshold(50)
                        .waitDurationInOpenState(OPEN_DURATION)
                        .permittedNumberOfCallsInHalfOpenState(2)
                        .ignoreException(e -> e instanceof LlmException failure && !failure.retryable())
                        .clock(clock)
                        .build());
        this.retry = RetryBackoff.retry(name, limits, random);
        retry.getEventPublisher()
                .onRetry(event -> LOG.warn(
                        "{} attempt {} failed, retrying in {} ms: {}",
                        name,
                        event.getNumberOfRetryAttempts(),
                        event.getWaitInterval().toMillis(),
                        event.getLastThrowable().getMessage()));
        this.rateLimits = new ProviderRateLimits(name, limits, MAX_LOCAL_WAIT);
        this.bulkhead = Bulkhead.of(
                name,
                BulkheadConfig.custom()
                        .maxConcurrentCalls(limits.maxConcurrentCalls())
                        .maxWaitDuration(MAX_LOCAL_WAIT)
                        .build());
    }

    public static CallGuard of(String name, CallLimits limits) {
        return new CallGuard(name, limits, Clock.systemUTC(), new Random());
    }

    /**
     * @param what the model, kind and operation, for the ledger and the metrics
     * @param estimatedTokens the prompt's tokens: drawn from the tokens-per-minute limit before each attempt, and
     *     written down in the ledger until the call is settled
     * @param billed the tokens a result was billed for, for the ledger and the token limit
     */
    public <T> T call(LlmCall what, int estimatedTokens, ProviderCall<T> call, Function<? super T, LlmUsage> billed)
            throws LlmException {
        budget.requireRoom(what);
        Reservation reservation = new Reservation(what, estimatedTokens);
        T result;
        try {
            result = breakerGuarded(estimatedTokens, () -> {
                reservation.take();
                return call.call();
            });
        } catch (LlmException | RuntimeException | Error e) {
            reservation.fail(e);
            throw e;
        }
        LlmUsage used = billed.apply(result);
        reservation.spend.settle(used.promptTokens(), used.completionTokens());
        rateLimits.settle(estimatedTokens, (int) Math.min(Integer.MAX_VALUE, used.totalTokens()));
        return result;
    }

    /**
     * A call's line in the spend ledger, written once the call holds a slot (and checked against the budget again
     * then), not while it queues: a process killed with calls queued leaves no estimates of calls never sent, and
     * the overshoot stays bounded by the calls in flight. Attempts of one call run on one thread, one after another.
     */
    private final class Reservation {
        private final LlmCall what;
        private final int estimatedTokens;
        private TenantBudget.Spend spend;
        private boolean refusedByBudget;

        Reservation(LlmCall what, int estimatedTokens) {
            this.what = what;
            this.estimatedTokens = estimatedTokens;
        }

        void take() throws LlmException {
            if (spend != null) {
                return;
            }
            try {
                spend = budget.begin(what, estimatedTokens);
            } catch (LlmException e) {
                refusedByBudget = true;
                throw e;
            }
        }

        void fail(Throwable error) {
            if (spend != null) {
                spend.fail(error);
            } else if (!refusedByBudget) {
                budget.refused(what); // circuit open or no slot in time: never written down, still counted
            }
        }
    }

    private <T> T breakerGuarded(int estimatedTokens, ProviderCall<T> call) throws LlmException {
        if (!breaker.tryAcquirePermission()) {
            throw new LlmException(
                    Kind.REFUSED_LOCALLY,
                    "circuit open for " + name + " after repeated failures; calls refused for up to " + OPEN_DURATION);
        }
        long start = System.nanoTime();
        T result;
        try {
            result = retried(estimatedTokens, call);
        } catch (LlmException e) {
            breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
            throw e;
        } catch (RuntimeException | Error e) {
            // Not the provider's fault (a streaming caller whose client went away, a bug of ours): the circuit
            // must not open over it.
            breaker.releasePermission();
            throw e;
        }
        breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        return result;
    }

    /** The tenant's spend today, fleet-wide. */
    public double spentTodayUsd() throws LlmException {
        return budget.spentTodayUsd();
    }

    /**
     * Registers resilience4j's own meters for this guard (circuit state and calls, retries, bulkhead slots, rate
     * limiter permits), tagged with its name: the tenant and provider.
     */
    public void publishMetrics(MeterRegistry registry) {
        new TaggedCircuitBreakerMetricsPublisher(registry).publishMetrics(breaker);
        new TaggedRetryMetricsPublisher(registry).publishMetrics(retry);
        new TaggedBulkheadMetricsPublisher(registry).publishMetrics(bulkhead);
        rateLimits.publishMetrics(new TaggedRateLimiterMetricsPublisher(registry));
    }

    /** For tests and health output: CLOSED, OPEN, HALF_OPEN. */
    public String circuitState() {
        return breaker.getState().name();
    }

    private <T> T retried(int estimatedTokens, ProviderCall<T> call) throws LlmException {
        try {
            return retry.executeCheckedSupplier(() -> attempt(estimatedTokens, call));
        } catch (LlmException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("unexpected checked exception from " + name, e);
        }
    }

    private <T> T attempt(int estimatedTokens, ProviderCall<T> call) throws LlmException {
        rateLimits.acquire(estimatedTokens);
        if (!bulkhead.tryAcquirePermission()) {
            throw new LlmException(Kind.REFUSED_LOCALLY, "no free call slot for " + name + " within " + MAX_LOCAL_WAIT);
        }
        try {
            return call.call();
        } finally {
            bulkhead.onComplete();
        }
    }

    @Override
    public String toString() {
        return "CallGuard[" + name + ", circuit " + circuitState() + "]";
    }
}
