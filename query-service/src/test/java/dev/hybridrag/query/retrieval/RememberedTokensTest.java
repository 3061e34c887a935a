package dev.hybridrag.query.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridrag.core.chunk.TokenCounter;
import java.util.List;
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
    void keepsNoMoreTextThanItsCapacityDroppingTheLeastRecentlyUsed() {
        RememberedTokens remembered = new RememberedTokens(100);
        String kept = "a".repeat(40);
        remembered.count(kept);
        for (int i = 0; i < 10; i++) {
            remembered.count(kept); // used again and again, so it outlives the others
            remembered.count(i + "b".repeat(39));
        }

        assertThat(remembered.size()).isEqualTo(2);
        String huge = "c".repeat(500);
        assertThat(remembered.count(huge)).isEqualTo(tokenizer.count(huge));
        assertThat(remembered.size())
                .as("a text larger than the capacity is counted, not kept")
                .isEqualTo(2);
    }
}
