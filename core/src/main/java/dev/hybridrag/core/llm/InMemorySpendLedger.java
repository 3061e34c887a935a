package dev.hybridrag.core.llm;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A ledger held by this process only: for tests and for models used without a database. It forgets everything on
 * restart, so it must not guard a real budget.
 */
public final class InMemorySpendLedger implements SpendLedger {

    /** A call as written down. */
    public record Entry(Instant at, LlmUsage usage, double usd) {}

    private final Map<UUID, Entry> entries = new LinkedHashMap<>();

    @Override
    public synchronized void begin(UUID entry, Instant at, LlmUsage estimate, double usd) {
        entries.put(entry, new Entry(at, estimate, usd));
    }

    @Override
    public synchronized void settle(UUID entry, LlmUsage billed, double usd) {
        entries.computeIfPresent(entry, (id, begun) -> new Entry(begun.at(), billed, usd));
    }

    @Override
    public synchronized double spentUsd(LocalDate day) {
        return entries.values().stream()
                .filter(entry -> LocalDate.ofInstant(entry.at(), ZoneOffset.UTC).equals(day))
                .mapToDouble(Entry::usd)
                .sum();
    }

    public synchronized List<Entry> entries() {
        return List.copyOf(entries.values());
    }
}
