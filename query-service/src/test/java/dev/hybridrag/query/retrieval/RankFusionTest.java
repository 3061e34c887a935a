package dev.hybridrag.query.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RankFusionTest {

    private record Hit(String id, double score) {}

    private static List<String> fused(RankFusion<Hit> fusion) {
        return fusion.fused((hit, score) -> new Hit(hit.id(), score)).stream()
                .map(Hit::id)
                .toList();
    }

    private static List<Hit> hits(String... ids) {
        return java.util.Arrays.stream(ids).map(id -> new Hit(id, 0)).toList();
    }

    @Test
    void aRecordHighInBothListsBeatsTheTopOfOne() {
        RankFusion<Hit> fusion =
                new RankFusion<>(60, Hit::id).add(hits("a", "b", "c"), 1).add(hits("d", "b", "e"), 1);

        assertThat(fused(fusion)).containsExactly("b", "a", "d", "c", "e");
    }

    @Test
    void weightsDecideBetweenTheListsAndZeroLeavesOneOut() {
        assertThat(fused(new RankFusion<>(60, Hit::id).add(hits("a"), 1).add(hits("z"), 2)))
                .containsExactly("z", "a");
        assertThat(fused(new RankFusion<>(60, Hit::id).add(hits("a"), 1).add(hits("z"), 0)))
                .containsExactly("a");
    }

    @Test
    void theFusedScoreIsTheSumOfWeightOverKPlusRank() {
        List<Hit> fused = new RankFusion<Hit>(60, Hit::id)
                .add(hits("a", "b"), 1)
                .add(hits("b"), 0.5)
                .fused((hit, score) -> new Hit(hit.id(), score));

        assertThat(fused.get(0).id()).isEqualTo("b");
        assertThat(fused.get(0).score()).isCloseTo(1.0 / 62 + 0.5 / 61, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(fused.get(1).score()).isCloseTo(1.0 / 61, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void aRecordTwiceInOneListCountsOnceThereAndTakesOneRank() {
        // One chunk in many documents comes back once per document; it must not outscore a record of two lists.
        List<Hit> fused = new RankFusion<Hit>(60, Hit::id)
                .add(hits("copy", "copy", "copy", "b"), 1)
                .add(hits("b"), 1)
                .fused((hit, score) -> new Hit(hit.id(), score));

        assertThat(fused).extracting(Hit::id).containsExactly("b", "copy");
        assertThat(fused.get(0).score()).isCloseTo(1.0 / 62 + 1.0 / 61, org.assertj.core.data.Offset.offset(1e-12));
    }
}
