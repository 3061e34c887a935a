package dev.hybridrag.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * One mode's retrieval and answer quality over a question set: where the expected file ranks among the answer's
 * references (hit@1, hit@3, hit@any, mean reciprocal rank) and how many answers match their patterns.
 */
final class EvalScore {

    private final List<Integer> ranks = new ArrayList<>();
    private final List<String> missed = new ArrayList<>();
    private int answered;
    private int matching;
    private int longest;

    /** @param rank the expected file's 1-based place among the references, 0 when absent */
    void rank(String file, int rank) {
        ranks.add(rank);
        if (rank == 0) {
            missed.add(file);
        }
    }

    void answer(String answer, boolean matches) {
        answered++;
        longest = Math.max(longest, answer.length());
        if (matches) {
            matching++;
        }
    }

    int hitsAt(int k) {
        return (int) ranks.stream().filter(r -> r > 0 && r <= k).count();
    }

    int hits() {
        return (int) ranks.stream().filter(r -> r > 0).count();
    }

    double meanReciprocalRank() {
        return ranks.isEmpty()
                ? 0
                : ranks.stream().mapToDouble(r -> r == 0 ? 0 : 1.0 / r).sum() / ranks.size();
    }

    String row(String mode) {
        int n = ranks.size();
        String answers = answered == 0 ? "" : "%d/%d (longest %d chars)".formatted(matching, answered, longest);
        return "%-8s %5s %5s %7s %5.2f  %-26s %s"
                .formatted(
                        mode,
                        hitsAt(1) + "/" + n,
                        hitsAt(3) + "/" + n,
                        hits() + "/" + n,
                        meanReciprocalRank(),
                        answers,
                        missed.isEmpty() ? "" : "missed: " + missed);
    }

    static String header() {
        return "%-8s %5s %5s %7s %5s  %-26s".formatted("mode", "hit@1", "hit@3", "hit@any", "MRR", "answers matching");
    }
}
