package dev.hybridrag.query.retrieval;

import dev.hybridrag.core.chunk.TokenCounter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Token counts of rendered entities and relations, remembered by their text, most recently used kept. The same
 * records come back query after query (a hub entity, the relations around it), and counting them again was the
 * largest piece of the query-service's Java time on a mix query (about a third of it, onnxruntime's native time
 * aside), at the end of every retrieval (docs/benchmarks/query-cpu.md). A record whose text changed is a new key, so a
 * count is never stale. Bounded by the characters of the texts kept, not their number: descriptions vary from a
 * line to a page.
 */
final class RememberedTokens {

    /** About 8 MB of text (Latin-1 strings take a byte a character; others two). */
    static final long DEFAULT_CAPACITY_CHARS = 8_000_000;

    private final TokenCounter tokens = new TokenCounter();
    private final long capacityChars;
    private final Map<String, Integer> counts = new LinkedHashMap<>(1024, 0.75f, true);
    private long keptChars;

    RememberedTokens() {
        this(DEFAULT_CAPACITY_CHARS);
    }

    RememberedTokens(long capacityChars) {
        this.capacityChars = capacityChars;
    }

    int count(String text) {
        synchronized (counts) {
            Integer known = counts.get(text);
            if (known != null) {
                return known;
            }
        }
        // Counted outside the lock: two queries may count the same new text at once, which costs only the time.
        int counted = tokens.count(text);
        if (text.length() > capacityChars) {
            return counted;
        }
        synchronized (counts) {
            if (counts.put(text, counted) == null) {
                keptChars += text.length();
            }
            var eldest = counts.entrySet().iterator();
            while (keptChars > capacityChars) {
                keptChars -= eldest.next().getKey().length();
                eldest.remove();
            }
        }
        return counted;
    }

    /** Texts remembered now. */
    int size() {
        synchronized (counts) {
            return counts.size();
        }
    }
}
