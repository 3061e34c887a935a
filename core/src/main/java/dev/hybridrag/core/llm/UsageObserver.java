package dev.hybridrag.core.llm;

/** Told about every guarded call's end, for metrics. Must be cheap and must not throw. */
@FunctionalInterface
public interface UsageObserver {

    UsageObserver NONE = (tenant, usage, usd, outcome) -> {};

    /**
     * @param usage the tokens billed (0 when the call failed or was refused)
     * @param outcome {@code success}, {@code failure}, or {@code refused} (not made: budget, circuit or limits)
     */
    void completed(String tenant, LlmUsage usage, double usd, String outcome);
}
