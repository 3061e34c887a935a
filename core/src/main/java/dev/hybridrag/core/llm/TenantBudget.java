package dev.hybridrag.core.llm;

import dev.hybridrag.core.llm.LlmException.Kind;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One tenant's daily LLM budget, shared by every call guard of the tenant in this process and, through the ledger, by
 * every process of the fleet. A call is refused once the day's recorded spend (UTC) has reached the budget; a call
 * is written down at its estimate before it is made and settled at what it was billed after, so calls in flight
 * count against the budget while they run. The budget can be overshot by what the calls in flight when it is reached
 * cost beyond their estimate (their completions), and by calls that passed the check at the same moment
 * (docs/budget.md).
 */
public final class TenantBudget {

    private static final Logger LOG = LoggerFactory.getLogger(TenantBudget.class);

    private final String tenant;
    private final double dailyBudgetUsd;
    private final ModelPrices prices;
    private final SpendLedger ledger;
    private final Clock clock;
    private final UsageObserver observer;

    /** @param dailyBudgetUsd 0 for no limit (calls are still written down) */
    public TenantBudget(
            String tenant,
            double dailyBudgetUsd,
            ModelPrices prices,
            SpendLedger ledger,
            Clock clock,
            UsageObserver observer) {
        this.tenant = tenant;
        this.dailyBudgetUsd = dailyBudgetUsd;
        this.prices = prices;
        this.ledger = ledger;
        this.clock = clock;
        this.observer = observer;
    }

    /** A budget of its own, in this process's memory: for tests and models used without a database. */
    public static TenantBudget inMemory(String tenant, CallLimits limits, Clock clock) {
        return new TenantBudget(
                tenant, limits.dailyBudgetUsd(), limits.prices(), new InMemorySpendLedger(), clock, UsageObserver.NONE);
    }

    /**
     * Checks today's spend and writes the call down at its estimate.
     *
     * @throws LlmException {@link Kind#REFUSED_LOCALLY} when today's spend has reached the budget, or when the
     *     ledger cannot be read or written (no call is made that cannot be accounted for)
     */
    public Spend begin(LlmCall call, long estimatedPromptTokens) throws LlmException {
        requireRoom(call);
        LlmUsage estimate = call.usage(estimatedPromptTokens, 0);
        UUID entry = UUID.randomUUID();
        ledger.begin(entry, clock.instant(), estimate, usd(estimate));
        return new Spend(entry, call);
    }

    /**
     * Checks today's spend without writing anything down: a call refused here never waits for a rate limit or a
     * call slot.
     *
     * @throws LlmException {@link Kind#REFUSED_LOCALLY} as {@link #begin} does
     */
    public void requireRoom(LlmCall call) throws LlmException {
        if (dailyBudgetUsd > 0) {
            double spent = ledger.spentUsd(today());
            if (spent >= dailyBudgetUsd) {
                refused(call);
                throw new LlmException(
                        Kind.REFUSED_LOCALLY,
                        String.format(
                                Locale.ROOT,
                                "daily spend limit of %.2f USD reached for tenant %s (%.2f USD spent today across the"
                                        + " fleet); LLM calls paused until 00:00 UTC",
                                dailyBudgetUsd,
                                tenant,
                                spent));
            }
        }
    }

    /** Counts a call that was not made (circuit open, no slot in time) in the metrics. */
    public void refused(LlmCall call) {
        observer.completed(tenant, call.usage(0, 0), 0, "refused");
    }

    public double spentTodayUsd() throws LlmException {
        return ledger.spentUsd(today());
    }

    public double dailyBudgetUsd() {
        return dailyBudgetUsd;
    }

    private double usd(LlmUsage usage) {
        return prices.usd(usage.call().model(), usage.promptTokens(), usage.completionTokens());
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** A call written down and not yet settled. */
    public final class Spend {
        private final UUID entry;
        private final LlmCall call;

        private Spend(UUID entry, LlmCall call) {
            this.entry = entry;
            this.call = call;
        }

        public void settle(long promptTokens, long completionTokens) {
            record(call.usage(promptTokens, completionTokens), "success");
        }

        /** The call failed or was not made: providers do not bill a failed request. */
        public void fail(Throwable error) {
            boolean refused = error instanceof LlmException e && e.kind() == Kind.REFUSED_LOCALLY;
            record(call.usage(0, 0), refused ? "refused" : "failure");
        }

        private void record(LlmUsage billed, String outcome) {
            double usd = usd(billed);
            try {
                ledger.settle(entry, billed, usd);
            } catch (LlmException e) {
                // The estimate stays in the ledger: the day's spend is off by this call's completion at most.
                LOG.warn("tenant {}: could not settle an LLM call in the spend ledger: {}", tenant, e.getMessage());
            }
            observer.completed(tenant, billed, usd, outcome);
        }
    }
}
