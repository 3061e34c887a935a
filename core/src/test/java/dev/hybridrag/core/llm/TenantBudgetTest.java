package dev.hybridrag.core.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.hybridrag.core.llm.LlmException.Kind;
import dev.hybridrag.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TenantBudgetTest {

    private static final LlmCall EXTRACT = LlmCall.chat("gpt-4o-mini", LlmOperation.EXTRACT);
    private static final LlmCall EMBED = LlmCall.embedding("text-embedding-3-small");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-02T08:00:00Z"));
    private final InMemorySpendLedger ledger = new InMemorySpendLedger();
    private final List<String> outcomes = new ArrayList<>();

    // 2.50 USD per million tokens: 200,000 tokens cost 0.50 USD.
    private TenantBudget budget(double dailyUsd) {
        return new TenantBudget(
                "team_a",
                dailyUsd,
                ModelPrices.flat(2.5),
                ledger,
                clock,
                (tenant, usage, usd, outcome) ->
                        outcomes.add(outcome + " " + usage.call().operation().label()));
    }

    @Test
    void chatAndEmbeddingsDrawOnOneBudgetThatResetsAtUtcMidnight() throws LlmException {
        TenantBudget budget = budget(1.0);

        budget.begin(EXTRACT, 100_000).settle(100_000, 100_000);
        assertThat(budget.spentTodayUsd()).isCloseTo(0.5, within(1e-9));
        budget.begin(EMBED, 200_000).settle(200_000, 0);
        assertThatThrownBy(() -> budget.begin(EXTRACT, 10)).isInstanceOfSatisfying(LlmException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.REFUSED_LOCALLY);
            assertThat(e.retryable()).isFalse();
            assertThat(e)
                    .hasMessage("daily spend limit of 1.00 USD reached for tenant team_a (1.00 USD spent today across"
                            + " the fleet); LLM calls paused until 00:00 UTC");
        });
        assertThat(outcomes).containsExactly("success extract", "success embed", "refused extract");

        clock.set(Instant.parse("2026-11-02T23:59:59Z"));
        assertThatThrownBy(() -> budget.begin(EXTRACT, 10)).isInstanceOf(LlmException.class);
        clock.advance(Duration.ofSeconds(1));
        assertThatCode(() -> budget.begin(EXTRACT, 10)).doesNotThrowAnyException();
    }

    @Test
    void aCallInFlightCountsAtItsEstimateAndAFailedCallCostsNothing() throws LlmException {
        TenantBudget budget = budget(0.5);

        TenantBudget.Spend inFlight = budget.begin(EXTRACT, 200_000);
        assertThat(budget.spentTodayUsd()).isCloseTo(0.5, within(1e-9));
        assertThatThrownBy(() -> budget.begin(EXTRACT, 10)).isInstanceOf(LlmException.class);

        inFlight.fail(new LlmException(Kind.SERVER_ERROR, "503"));
        assertThat(budget.spentTodayUsd()).isZero();
        assertThat(ledger.entries())
                .singleElement()
                .satisfies(entry -> assertThat(entry.usage().totalTokens()).isZero());
        assertThat(outcomes).containsExactly("refused extract", "failure extract");
    }

    @Test
    void aZeroBudgetMeansNoLimitButEveryCallIsStillWrittenDown() throws LlmException {
        TenantBudget budget = budget(0);
        budget.begin(EXTRACT, 1_000_000_000).settle(1_000_000_000, 0);
        assertThatCode(() -> budget.begin(EMBED, 10)).doesNotThrowAnyException();
        assertThat(ledger.entries()).hasSize(2);
    }
}
