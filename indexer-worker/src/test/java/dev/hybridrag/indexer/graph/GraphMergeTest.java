package dev.hybridrag.indexer.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridrag.core.storage.EntityRow;
import dev.hybridrag.core.storage.Fragment;
import dev.hybridrag.core.storage.GraphKey;
import dev.hybridrag.core.storage.RelationRow;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GraphMergeTest {

    private final GraphMerge merge = new GraphMerge(new JoinedDescriptions(1200));

    private static Fragment entity(String path, String chunk, String name, String type, String description) {
        return new Fragment(path, chunk, name, "", type, description, "", 1.0);
    }

    @Test
    void anEntityIsTheSameWhateverOrderItsFactsArrivedIn() throws Exception {
        List<Fragment> facts = new ArrayList<>(List.of(
                entity("b.md", "c2", "kafka", "technology", "A log."),
                entity("a.md", "c1", "Kafka", "technology", "A distributed log."),
                entity("a.md", "c3", "Kafka", "other", "A log."),
                entity("c.md", "c4", "KAFKA", "", "Used for events.")));
        EntityRow first = merge.entity("kafka", facts);
        for (long seed = 0; seed < 20; seed++) {
            Collections.shuffle(facts, new Random(seed));
            assertThat(merge.entity("kafka", facts)).isEqualTo(first);
        }
        assertThat(first.name()).isEqualTo("Kafka");
        assertThat(first.type()).isEqualTo("technology");
        assertThat(first.description()).isEqualTo("A distributed log.\nA log.\nUsed for events.");
        assertThat(first.weight()).isEqualTo(4.0);
        assertThat(first.sourceFiles()).containsExactly("a.md", "b.md", "c.md");
        assertThat(first.sourceChunks()).containsExactly("c1", "c2", "c3", "c4");
    }

    @Test
    void aRelationIsUndirectedAndMergesItsKeywords() throws Exception {
        String key = GraphKey.relation("Kafka", "Postgres").key();
        List<Fragment> facts = List.of(
                new Fragment("a.md", "c1", "Kafka", "Postgres", "", "Kafka feeds Postgres.", "feeds, data", 2.0),
                new Fragment("b.md", "c2", "Postgres", "Kafka", "", "Postgres reads Kafka.", "reads", 1.0),
                new Fragment("c.md", "c3", "Kafka", "Postgres", "", "Kafka feeds Postgres.", "data", 1.0));
        RelationRow relation = merge.relation(key, facts);
        assertThat(relation.sourceKey()).isEqualTo("kafka");
        assertThat(relation.targetKey()).isEqualTo("postgres");
        assertThat(relation.source()).isEqualTo("Kafka");
        assertThat(relation.target()).isEqualTo("Postgres");
        assertThat(relation.keywords()).isEqualTo("data, feeds, reads");
        assertThat(relation.description()).isEqualTo("Kafka feeds Postgres.\nPostgres reads Kafka.");
        assertThat(relation.weight()).isEqualTo(4.0);
    }

    @Test
    void joinedDescriptionsStopAtTheTokenBudget() throws Exception {
        JoinedDescriptions small = new JoinedDescriptions(10);
        String merged = small.merge("x", List.of("one two three four five six", "seven eight nine ten eleven twelve"));
        assertThat(merged).isEqualTo("one two three four five six");
    }
}
