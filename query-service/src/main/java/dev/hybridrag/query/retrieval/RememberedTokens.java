package dev.hybridrag.query.retrieval;

import dev.hybridrag.core.chunk.TokenCounter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Token counts of rendered entities and relations, remembered by a 64-bit fingerprint of their text, most recently
 * used kept. The same records come back query after query (a hub entity, the relations around it), and counting
 * them again was the largest piece of the query-service's Java time on a mix query (about a third of it,
 * onnxruntime's native time aside), at the end of every retrieval (docs/benchmarks/query-cpu.md). A record whose text
 * changed has a new fingerprint, so a count is never stale.
 *
 * <p>Keeping the texts themselves, 8 million characters held about 40,000 of the query benchmark's records, a
 * quarter of its tenant, and half of a query's records were counted again; a fingerprint and a count take about 90
 * bytes, so about the same memory holds 150,000. Two texts sharing a fingerprint (about one chance in a billion
 * among 150,000 records) would only lend one record the other's count: a budget off by a few tokens.
 */
final class RememberedTokens {

    /** About 13 MB (measured: 89 bytes a record for a LinkedHashMap entry, a Long and an Integer). */
    static final int DEFAULT_CAPACITY = 150_000;

    private final TokenCounter tokens = new TokenCounter();
    private final int capacity;
    private final Map<Long, Integer> counts;

    RememberedTokens() {
        this(DEFAULT_CAPACITY);
    }

    RememberedTokens(int capacity) {
        this.capacity = capacity;
        this.counts = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Integer> eldest) {
                return size() > RememberedTokens.this.capacity;
            }
        };
    }

    int count(String text) {
        Long key = fingerprint(text);
        synchronized (counts) {
            Integer known = counts.get(key);
            if (known != null) {
                return known;
            }
        }
        // Counted outside the lock: two queries may count the same new text at once, which costs only the time.
        int counted = tokens.count(text);
        synchronized (counts) {
            counts.put(key, counted);
        }
        return counted;
    }

    /** Records remembered now. */
    int size() {
        synchronized (counts) {
            return counts.size();
        }
    }

    /** FNV-1a over the text's UTF-16 units: a few hundred nanoseconds where counting takes tens of microseconds. */
    static long fingerprint(String text) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            char unit = text.charAt(i);
            hash = (hash ^ (unit & 0xff)) * 0x100000001b3L;
            hash = (hash ^ (unit >>> 8)) * 0x100000001b3L;
        }
        return hash;
    }
}
