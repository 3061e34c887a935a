package dev.hybridrag.indexer.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridrag.core.llm.ChatMessage;
import dev.hybridrag.core.llm.ChatModel;
import dev.hybridrag.core.llm.ChatResult;
import dev.hybridrag.core.storage.Databases;
import dev.hybridrag.core.testing.TestPostgres;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class SummarizedDescriptionsIT {

    @Test
    void manyDescriptionsAreSummarisedOnceAndFewAreJoined() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        ChatModel model = new ChatModel() {
            @Override
            public String model() {
                return "fake";
            }

            @Override
            public ChatResult chat(List<ChatMessage> messages) {
                calls.incrementAndGet();
                assertThat(messages.getLast().content()).contains("Name: Kafka", "fact 0", "fact 9");
                return new ChatResult("Kafka is a distributed log used throughout the project.", 10, 10);
            }
        };
        try (TestPostgres postgres = new TestPostgres();
                Databases databases = new Databases(2)) {
            DataSource dataSource = databases.dataSource(postgres.settings());
            SummarizedDescriptions merger = new SummarizedDescriptions(model, dataSource, "default", 8, 1200);
            List<String> ten =
                    IntStream.range(0, 10).mapToObj(i -> "fact " + i).sorted().toList();

            assertThat(merger.merge("Kafka", ten)).isEqualTo("Kafka is a distributed log used throughout the project.");
            assertThat(merger.merge("Kafka", ten)).isEqualTo("Kafka is a distributed log used throughout the project.");
            assertThat(calls).hasValue(1); // the second rebuild comes from the cache

            assertThat(merger.merge("Kafka", ten.subList(0, 3))).isEqualTo("fact 0\nfact 1\nfact 2");
            assertThat(calls).hasValue(1);
        }
    }
}
