package dev.hybridrag.query.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridrag.core.chunk.TokenCounter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RememberedTokensTest {

    private final TokenCounter tokenizer = new TokenCounter();

    @Test
    void countsAsTheTokenizerDoesTheFirstTimeAndEveryTimeAfter() {
        RememberedTokens remembered = new RememberedTokens();
        List<String> texts = List.of(
                "KafkaConsumer (component): polls records from the ingest topic",
                "tasks.md - EADDRINUSE [port, restart]: the watcher's port was still bound",
                "ümlaut and 日本語 descriptions count in the same tokens");

        for (int round = 0; round < 3; round++) {
            for (String text : texts) {
                assertThat(remembered.count(text)).isEqualTo(tokenizer.count(text));
            }
        }
        assertThat(remembered.size()).isEqualTo(texts.size());
    }

    @Test
    void aChangedDescriptionIsCountedAnewNotTakenFromItsOldText() {
        RememberedTokens remembered = new RememberedTokens();
        String before = "Indexer (service): writes rows";
        String after = "Indexer (service): writes each tenant's rows or database, in batches, after the extractor";

        remembered.count(before);

        assertThat(remembered.count(after)).isEqualTo(tokenizer.count(after)).isGreaterThan(tokenizer.count(before));
    }

    @Test
    void keepsNoMoreRecordsThanItsCapacityDroppingTheLeastRecentlyUsed() {
        RememberedTokens remembered = new RememberedTokens(2);
        String kept = "Kafka (component): the broker the watchers publish to";
        remembered.count(kept);
        for (int i = 0; i < 10; i++) {
            remembered.count(kept); // used again and again, so it outlives the others
            remembered.count("Watcher " + i + " (service): follows one folder");
        }

        assertThat(remembered.size()).isEqualTo(2);
        assertThat(remembered.count(kept)).isEqualTo(tokenizer.count(kept));
        assertThat(remembered.size())
                .as("the kept record was still there: nothing added")
                .isEqualTo(2);
    }

    @Test
    void textsDifferingInOneCharacterOrInTheirOrderHaveDifferentFingerprints() {
        String text = "Indexer - Kafka [offsets]: commits after the write";
        Set<Long> seen = new HashSet<>();
        seen.add(RememberedTokens.fingerprint(text));
        for (int i = 0; i < text.length(); i++) {
            char[] changed = text.toCharArray();
            changed[i]++;
            assertThat(seen.add(RememberedTokens.fingerprint(new String(changed))))
                    .as("a change at %d", i)
                    .isTrue();
        }
        assertThat(RememberedTokens.fingerprint("ab")).isNotEqualTo(RememberedTokens.fingerprint("ba"));
        assertThat(RememberedTokens.fingerprint("日本")).isNotEqualTo(RememberedTokens.fingerprint("本日"));
    }
}
