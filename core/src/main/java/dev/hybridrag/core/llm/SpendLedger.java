package dev.hybridrag.core.llm;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Where one tenant's provider calls are written down, durably and for the whole fleet: every process of every service
 * writes its calls to the same ledger and reads the day's spend from it, so restarts, replicas and services draw on
 * one budget (docs/budget.md).
 */
public interface SpendLedger {

    /**
     * Writes a call down before it is made, at its estimate: a process killed while the call is in flight leaves the
     * estimate standing rather than nothing.
     */
    void begin(UUID entry, Instant at, LlmUsage estimate, double usd) throws LlmException;

    /** Replaces the estimate with what the call was billed (nothing, when it failed). */
    void settle(UUID entry, LlmUsage billed, double usd) throws LlmException;

    /** The tenant's estimated spend on {@code day} (UTC), every process's calls together. */
    double spentUsd(LocalDate day) throws LlmException;
}
