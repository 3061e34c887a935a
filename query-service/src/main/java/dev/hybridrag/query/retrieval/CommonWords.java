package dev.hybridrag.query.retrieval;

import dev.hybridrag.core.storage.LexicalSearch;
import dev.hybridrag.core.storage.WordCounts;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The counts of each tenant's common words, per table, for full-text ranking ({@link WordCounts}): counting a common
 * word when a question asks for it reads every row that holds it, so a question of seven everyday words cost a mix
 * retrieval 130 ms at 100,000 chunks (docs/benchmarks/query.md). They are counted in one read of the tenant's rows,
 * in the background, and again when ten minutes old; a question never waits for that count: until it is there, and
 * for the words it does not list (rare ones, cheap to count), words are counted as before. A count up to ten minutes
 * old weighs a word as well as a fresh one.
 */
public final class CommonWords {

    private static final Logger log = LoggerFactory.getLogger(CommonWords.class);

    /** Words in at least this many rows are counted ahead; counting a rarer one when asked reads fewer rows. */
    public static final int MIN_ROWS = 100;

    private static final Duration FRESH = Duration.ofMinutes(10);

    // Data sources are wrappers made per call, so the workspace names the tenant.
    private record Key(String workspace, String table) {}

    private record Counted(Map<String, Integer> words, Instant at) {}

    private final LexicalSearch lexical = new LexicalSearch();
    private final Map<Key, Counted> counted = new ConcurrentHashMap<>();
    private final Set<Key> counting = ConcurrentHashMap.newKeySet();
    private final Clock clock;

    CommonWords(Clock clock) {
        this.clock = clock;
    }

    /** The tenant's word counts for one table of {@code rows} rows: those known now, a fresh count started if due. */
    WordCounts of(DataSource dataSource, String workspace, String table, long rows) {
        if (LexicalSearch.countLimit(rows) <= MIN_ROWS) {
            // No word is counted beyond MIN_ROWS rows in a table this small: counting when asked is as cheap.
            return WordCounts.countedWhenAsked(rows);
        }
        Key key = new Key(workspace, table);
        Counted known = counted.get(key);
        if ((known == null || !known.at().plus(FRESH).isAfter(clock.instant())) && counting.add(key)) {
            Thread.ofVirtual().name("common-words").start(() -> count(dataSource, key));
        }
        return known == null ? WordCounts.countedWhenAsked(rows) : new WordCounts(rows, known.words());
    }

    private void count(DataSource dataSource, Key key) {
        Instant at = clock.instant();
        try {
            counted.put(key, new Counted(lexical.commonWords(dataSource, key.workspace(), key.table(), MIN_ROWS), at));
        } catch (SQLException | RuntimeException e) {
            // Questions go on with the counts known before (or count their words themselves); the count is tried
            // again when these are due, not by every question meanwhile.
            counted.compute(key, (k, before) -> new Counted(before == null ? Map.of() : before.words(), at));
            log.warn("counting the common words of {} in {} failed: {}", key.workspace(), key.table(), e.getMessage());
        } finally {
            counting.remove(key);
        }
    }
}
