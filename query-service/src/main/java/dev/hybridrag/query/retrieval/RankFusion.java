package dev.hybridrag.query.retrieval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Weighted reciprocal rank fusion (Cormack, Clarke and Büttcher, 2009): a record's score is the sum, over the ranked
 * lists holding it, of the list's weight over {@code k} plus its rank there. Ranks, not scores, are fused, so a
 * cosine similarity and a full-text rank need no common scale; a record near the top of two lists beats one at the
 * top of a single list.
 */
final class RankFusion<T> {

    private final double k;
    private final Function<T, String> key;
    private final List<List<T>> lists = new ArrayList<>();
    private final List<Double> weights = new ArrayList<>();

    RankFusion(double k, Function<T, String> key) {
        this.k = k;
        this.key = key;
    }

    /** Adds a ranked list, best first; a weight of 0 leaves it out. */
    RankFusion<T> add(List<T> ranked, double weight) {
        if (weight > 0 && !ranked.isEmpty()) {
            lists.add(ranked);
            weights.add(weight);
        }
        return this;
    }

    /**
     * The fused ranking, best first (ties keep the order of the first list that holds them), each record as the
     * first list that holds it has it, with its fused score set by {@code withScore}.
     */
    List<T> fused(BiFunction<T, Double, T> withScore) {
        Map<String, T> first = new LinkedHashMap<>();
        Map<String, Double> scores = new LinkedHashMap<>();
        for (int list = 0; list < lists.size(); list++) {
            // A record twice in one list (one chunk in two documents) counts once there, at its best rank.
            Set<String> seen = new HashSet<>();
            for (T record : lists.get(list)) {
                String id = key.apply(record);
                if (seen.add(id)) {
                    first.putIfAbsent(id, record);
                    scores.merge(id, weights.get(list) / (k + seen.size()), Double::sum);
                }
            }
        }
        return scores.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
                .map(e -> withScore.apply(first.get(e.getKey()), e.getValue()))
                .toList();
    }
}
