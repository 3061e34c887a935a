package dev.hybridrag.core.llm;

import dev.hybridrag.core.llm.LlmException.Kind;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * Stops calling a paid provider once a day's estimated spend reaches the budget, until 00:00 UTC. Spend is estimated
 * from the tokens of successful calls; calls already in flight when the budget is reached may overshoot it by their
 * own cost.
 */
public final class SpendGuard {

    private final double dailyBudgetUsd;
    private final double usdPerMillionTokens;
    private final Clock clock;
    private LocalDate day;
    private double spentUsd;

    /** @param dailyBudgetUsd 0 for no limit */
    public SpendGuard(double dailyBudgetUsd, double usdPerMillionTokens, Clock clock) {
        this.dailyBudgetUsd = dailyBudgetUsd;
        this.usdPerMillionTokens = usdPerMillionTokens;
        this.clock = clock;
        this.day = today();
    }

    /** @throws LlmException {@link Kind#REFUSED_LOCALLY} when today's spend has reached the budget */
    public synchronized void checkBudget() throws LlmException {
        rollOver();
        if (dailyBudgetUsd > 0 && spentUsd >= dailyBudgetUsd) {
            throw new LlmException(
                    Kind.REFUSED_LOCALLY,
                    String.format(
                            Locale.ROOT,
                            "daily spend limit of %.2f USD reached; extraction paused until 00:00 UTC",
                            dailyBudgetUsd));
        }
    }

    /** Adds a successful call's prompt + completion tokens to today's spend. */
    public synchronized void record(long tokens) {
        rollOver();
        spentUsd += tokens * usdPerMillionTokens / 1e6;
    }

    public synchronized double spentTodayUsd() {
        rollOver();
        return spentUsd;
    }

    private void rollOver() {
        LocalDate today = today();
        if (!today.equals(day)) {
            day = today;
            spentUsd = 0;
        }
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
