package dev.hybridrag.core.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hybridrag.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * A call is written into the spend ledger when it is about to be sent, not while it queues for a call slot: a process
 * killed with calls queued leaves no estimates of calls that never reached the provider.
 */
class CallGuardLedgerTest {

    private static final LlmCall EXTRACT = LlmCall.chat("gpt-4o-mini", LlmOperation.EXTRACT);

    @Test
    void aCallQueuedForASlotIsNotInTheLedgerUntilItIsSent() throws Exception {
        InMemorySpendLedger ledger = new InMemorySpendLedger();
        MutableClock clock = new MutableClock(Instant.parse("2026-11-02T08:00:00Z"));
        TenantBudget budget = new TenantBudget(
                "team_a", 10.0, ModelPrices.flat(2.5), ledger, clock, (tenant, usage, usd, outcome) -> {});
        CallGuard guard = new CallGuard(
                "team_a-openai", CallLimits.builder().maxConcurrentCalls(1).build(), budget, clock, new Random(1));
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try {
            Future<String> first = callers.submit(() -> guard.call(
                    EXTRACT,
                    1_000,
                    () -> {
                        awaitQuietly(release);
                        return "first";
                    },
                    answer -> EXTRACT.usage(1_000, 10)));
            await().atMost(Duration.ofSeconds(10)).until(() -> ledger.entries().size() == 1);
            Future<String> second = callers.submit(
                    () -> guard.call(EXTRACT, 1_000, () -> "second", answer -> EXTRACT.usage(1_000, 10)));

            // The second waits for the only slot; only the call that holds it is written down.
            await().during(Duration.ofMillis(300))
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> !second.isDone());
            assertThat(ledger.entries()).hasSize(1);

            release.countDown();
            assertThat(first.get()).isEqualTo("first");
            assertThat(second.get()).isEqualTo("second");
            assertThat(ledger.entries())
                    .hasSize(2)
                    .allSatisfy(entry -> assertThat(entry.usage().totalTokens()).isEqualTo(1_010));
        } finally {
            release.countDown();
            callers.shutdownNow();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
