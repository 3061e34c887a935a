package dev.hybridrag.query;

import dev.hybridrag.core.embed.Embedder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The offline answer, with no LLM: one to three units (sentences, list items, table rows, headings, commands) quoted
 * from the top passages, each followed by its reference number, {@link #MAX_CHARS} at most. Units are ranked by the
 * question's words and the query's keywords they hold (rarer words among the candidates count more), by how many
 * names of things they carry (flags, paths, identifiers, status markers), by the rank of their passage, and, for the
 * best of those, by the embedding model's similarity to the question. The passages themselves stay available as
 * the context ({@code only_need_context}).
 */
final class ExtractiveAnswer {

    static final int MAX_CHARS = 400;
    static final String NOTHING = "No indexed passage matches this query.";

    private static final int PASSAGES = 5;
    // Only this many units, the best by words, are embedded: the answer's cost stays a few milliseconds.
    private static final int EMBEDDED = 16;
    private static final int MAX_UNITS = 3;
    // BM25's usual constants (k1, b), for a unit's length against the candidates' mean.
    private static final double SATURATION = 1.2;
    private static final double LENGTH_WEIGHT = 0.5;

    private ExtractiveAnswer() {}

    /** @param embedder the tenant's embedder, or empty to rank by words alone (the provider failed) */
    static String compose(String question, QueryResponse.Context context, Optional<Embedder> embedder) {
        List<QueryResponse.ContextChunk> chunks = context.chunks();
        List<AnswerCandidate> candidates = candidates(chunks);
        if (candidates.isEmpty()) {
            return chunks.isEmpty() ? NOTHING : fallback(chunks.getFirst());
        }
        score(AnswerQuestion.of(question, context), candidates);
        List<AnswerCandidate> best = candidates.stream()
                .sorted(Comparator.comparingDouble(AnswerCandidate::lexical).reversed())
                .limit(EMBEDDED)
                .toList();
        embedder.ifPresent(model -> similarity(model, question, best));
        double mostWords = Math.max(1e-9, best.getFirst().words);
        List<AnswerCandidate> ranked = best.stream()
                .sorted(Comparator.comparingDouble((AnswerCandidate c) -> c.overall(mostWords))
                        .reversed())
                .toList();
        return String.join(" ", pick(ranked));
    }

    private static List<AnswerCandidate> candidates(List<QueryResponse.ContextChunk> chunks) {
        List<AnswerCandidate> candidates = new ArrayList<>();
        List<String> files = new ArrayList<>();
        for (int i = 0; i < Math.min(PASSAGES, chunks.size()); i++) {
            QueryResponse.ContextChunk chunk = chunks.get(i);
            if (!files.contains(chunk.filePath())) {
                files.add(chunk.filePath());
            }
            AnswerCandidate previous = null;
            for (AnswerSentences.Unit unit : AnswerSentences.of(chunk.content())) {
                AnswerCandidate candidate =
                        new AnswerCandidate(unit.text(), chunk.referenceId(), i, files.indexOf(chunk.filePath()));
                if (previous != null && unit.follows()) {
                    previous.next = candidate;
                }
                candidates.add(candidate);
                previous = candidate;
            }
        }
        return candidates;
    }

    /**
     * Each candidate's words: the question's terms it holds, and the question's word pairs it holds in order, a
     * rarer term or pair among the candidates counting more, and a long unit (a summed-up list) a little less for
     * each, as BM25 weighs a long document's matches.
     */
    private static void score(AnswerQuestion question, List<AnswerCandidate> candidates) {
        Map<String, Integer> spread = new HashMap<>();
        candidates.forEach(c -> {
            c.terms().forEach(t -> spread.merge(t, 1, Integer::sum));
            c.pairs().forEach(p -> spread.merge(p, 1, Integer::sum));
        });
        double size = candidates.size();
        double meanLength =
                candidates.stream().mapToInt(c -> c.terms().size()).average().orElse(1);
        for (AnswerCandidate c : candidates) {
            double matched = question.terms().stream()
                            .filter(c.terms()::contains)
                            .mapToDouble(t -> question.weight(t) * Math.log(1 + size / spread.get(t)))
                            .sum()
                    + question.pairs().stream()
                            .filter(c.pairs()::contains)
                            .mapToDouble(p -> Math.log(1 + size / spread.get(p)))
                            .sum();
            double length = 1 - LENGTH_WEIGHT + LENGTH_WEIGHT * c.terms().size() / meanLength;
            c.words = matched * (SATURATION + 1) / (1 + SATURATION * length);
        }
    }

    private static void similarity(Embedder model, String question, List<AnswerCandidate> best) {
        float[] asked = model.embedQuery(question);
        List<float[]> vectors =
                model.embed(best.stream().map(AnswerCandidate::text).toList());
        for (int i = 0; i < best.size(); i++) {
            best.get(i).similarity = dot(asked, vectors.get(i));
        }
    }

    /**
     * The best unit and, when it fits, the sentence after it (the two read as the writer wrote them); then more units
     * while they fit, each sharing a word with the question and saying something the chosen ones do not.
     */
    private static List<String> pick(List<AnswerCandidate> ranked) {
        List<AnswerCandidate> chosen = new ArrayList<>();
        for (AnswerCandidate c : ranked) {
            if (chosen.size() == MAX_UNITS) {
                break;
            }
            boolean offTopic = !chosen.isEmpty() && c.words == 0;
            if (offTopic || !fits(chosen, c) || chosen.stream().anyMatch(o -> overlap(o, c) > 0.8)) {
                continue;
            }
            chosen.add(c);
            if (chosen.size() == 1 && c.next != null && fits(chosen, c.next)) {
                chosen.add(c.next);
            }
        }
        return chosen.stream().map(AnswerCandidate::cited).toList();
    }

    private static boolean fits(List<AnswerCandidate> chosen, AnswerCandidate c) {
        int length = chosen.stream().mapToInt(o -> o.cited().length() + 1).sum()
                + c.cited().length();
        return length <= MAX_CHARS && !chosen.contains(c);
    }

    private static double overlap(AnswerCandidate a, AnswerCandidate b) {
        Set<String> smaller = a.terms().size() <= b.terms().size() ? a.terms() : b.terms();
        Set<String> larger = smaller == a.terms() ? b.terms() : a.terms();
        long shared = smaller.stream().filter(larger::contains).count();
        return shared / (double) Math.max(1, smaller.size());
    }

    /** A passage with no unit worth quoting (code, symbols): its opening, cut to fit. */
    private static String fallback(QueryResponse.ContextChunk chunk) {
        String cite = " [" + chunk.referenceId() + "]";
        String flat = chunk.content().replaceAll("\\s+", " ").strip();
        return AnswerSentences.cut(flat, MAX_CHARS - cite.length() - 1) + cite;
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
