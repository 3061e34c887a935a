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
 * The offline answer, with no LLM: one to three sentences quoted from the top passages, each followed by its
 * reference number, {@link #MAX_CHARS} at most. Sentences are ranked by the question's words they hold (rarer words
 * among the candidates count more) and, for the best of those, by the embedding model's similarity to the question;
 * the passage's own rank breaks near ties. The passages themselves stay available as the context
 * ({@code only_need_context}).
 */
final class ExtractiveAnswer {

    static final int MAX_CHARS = 400;
    static final String NOTHING = "No indexed passage matches this query.";

    private static final int PASSAGES = 5;
    // Only this many sentences, the best by words, are embedded: the answer's cost stays a few milliseconds.
    private static final int EMBEDDED = 12;
    private static final int MAX_SENTENCES = 3;

    private ExtractiveAnswer() {}

    /** @param embedder the tenant's embedder, or empty to rank by words alone (the provider failed) */
    static String compose(String question, List<QueryResponse.ContextChunk> context, Optional<Embedder> embedder) {
        return String.join(" ", sentences(question, context, embedder));
    }

    /** The answer's sentences, each with its citation; joined by spaces they are {@link #compose}'s answer. */
    private static List<String> sentences(
            String question, List<QueryResponse.ContextChunk> context, Optional<Embedder> embedder) {
        List<Candidate> candidates = candidates(context);
        if (candidates.isEmpty()) {
            return List.of(context.isEmpty() ? NOTHING : fallback(context.getFirst()));
        }
        Set<String> asked = AnswerSentences.terms(question);
        Map<String, Integer> spread = new HashMap<>();
        candidates.forEach(c -> c.terms().forEach(t -> spread.merge(t, 1, Integer::sum)));
        for (Candidate c : candidates) {
            c.words = asked.stream()
                    .filter(c.terms()::contains)
                    .mapToDouble(t -> Math.log(1 + candidates.size() / (double) spread.get(t)))
                    .sum();
        }
        List<Candidate> best = candidates.stream()
                .sorted(Comparator.comparingDouble((Candidate c) -> c.words + c.prior())
                        .reversed())
                .limit(EMBEDDED)
                .toList();
        double mostWords = Math.max(1e-9, best.getFirst().words);
        embedder.ifPresent(model -> similarity(model, question, best));
        List<Candidate> ranked = best.stream()
                .sorted(Comparator.comparingDouble(
                                (Candidate c) -> c.similarity + 0.5 * c.words / mostWords + c.prior())
                        .reversed())
                .toList();
        return pick(ranked);
    }

    private static final class Candidate {
        private final String text;
        private final int reference;
        private final int passage;
        private final Set<String> terms;
        private double words;
        private double similarity;

        Candidate(String text, int reference, int passage) {
            this.text = text;
            this.reference = reference;
            this.passage = passage;
            this.terms = AnswerSentences.terms(text);
        }

        Set<String> terms() {
            return terms;
        }

        // The retrieval's own order still says something: the first passage's sentences get a small head start.
        double prior() {
            return 0.15 / (passage + 1);
        }

        String cited() {
            return text + " [" + reference + "]";
        }
    }

    private static List<Candidate> candidates(List<QueryResponse.ContextChunk> context) {
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < Math.min(PASSAGES, context.size()); i++) {
            QueryResponse.ContextChunk chunk = context.get(i);
            for (String sentence : AnswerSentences.of(chunk.content())) {
                candidates.add(new Candidate(sentence, chunk.referenceId(), i));
            }
        }
        return candidates;
    }

    private static void similarity(Embedder model, String question, List<Candidate> best) {
        float[] asked = model.embedQuery(question);
        List<float[]> vectors = model.embed(best.stream().map(c -> c.text).toList());
        for (int i = 0; i < best.size(); i++) {
            best.get(i).similarity = dot(asked, vectors.get(i));
        }
    }

    /**
     * The best sentence, then up to two more that fit, share a word with the question, and say something the chosen
     * ones do not.
     */
    private static List<String> pick(List<Candidate> ranked) {
        List<Candidate> chosen = new ArrayList<>();
        int length = -1;
        for (Candidate c : ranked) {
            if (chosen.size() == MAX_SENTENCES) {
                break;
            }
            int added = c.cited().length() + 1;
            boolean offTopic = !chosen.isEmpty() && c.words == 0;
            if (offTopic || length + added > MAX_CHARS || chosen.stream().anyMatch(o -> overlap(o, c) > 0.6)) {
                continue;
            }
            chosen.add(c);
            length += added;
        }
        return chosen.stream().map(Candidate::cited).toList();
    }

    private static double overlap(Candidate a, Candidate b) {
        long shared = a.terms().stream().filter(b.terms()::contains).count();
        return shared
                / (double) Math.max(1, Math.min(a.terms().size(), b.terms().size()));
    }

    /** A passage with no sentence of prose (a table, code): its opening, cut to fit. */
    private static String fallback(QueryResponse.ContextChunk chunk) {
        String cite = " [" + chunk.referenceId() + "]";
        String flat = chunk.content().replaceAll("\\s+", " ").strip();
        int room = MAX_CHARS - cite.length() - 1;
        if (flat.length() > room) {
            int space = flat.lastIndexOf(' ', room - 1);
            flat = flat.substring(0, space > room / 2 ? space : room - 1) + "…";
        }
        return flat + cite;
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
