package dev.hybridrag.query;

import java.util.Set;

/** A unit an offline answer may quote, with what it is ranked by. */
final class AnswerCandidate {

    private final String text;
    private final int reference;
    private final int passage;
    private final int document;
    private final Set<String> terms;
    private final Set<String> pairs;
    private final int names;
    double words;
    double similarity;
    // The unit right after this one in the same paragraph, if any: it reads well after it.
    AnswerCandidate next;

    /**
     * @param passage the passage's place in the context (0 first)
     * @param document its file's place among the context's files (0 first)
     */
    AnswerCandidate(String text, int reference, int passage, int document) {
        this.text = text;
        this.reference = reference;
        this.passage = passage;
        this.document = document;
        this.terms = AnswerTerms.of(text);
        this.pairs = AnswerTerms.pairs(text);
        this.names = AnswerTerms.identifiers(text);
    }

    String text() {
        return text;
    }

    Set<String> terms() {
        return terms;
    }

    Set<String> pairs() {
        return pairs;
    }

    /** The rank before the embedding model is asked: words, names when on topic, and the retrieval's order. */
    double lexical() {
        return words + names() + prior();
    }

    /** The final rank: similarity to the question, the words relative to the best candidate's, names, order. */
    double overall(double mostWords) {
        return similarity + 0.5 * words / mostWords + names() + prior();
    }

    // A unit that names things (flags, files, identifiers, markers) says something concrete, but only when it is
    // about the question at all.
    private double names() {
        return words > 0 ? 0.1 * Math.min(names, 4) : 0;
    }

    // The retrieval's own order still says something: the first passages and the first document get a head start.
    private double prior() {
        return 0.1 / (passage + 1) + 0.1 / (document + 1);
    }

    String cited() {
        return text + " [" + reference + "]";
    }
}
