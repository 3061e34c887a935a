package dev.hybridrag.query;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What an offline answer looks for: the question's content words, and the query's keywords (the names the keyword
 * step found in it: {@code EADDRINUSE}, {@code GitHub}), which count double. A keyword that is the whole question
 * (the offline keyword step's fallback) adds nothing.
 */
record AnswerQuestion(Set<String> terms, Set<String> pairs, Set<String> keywordTerms) {

    private static final double KEYWORD_WEIGHT = 2;

    static AnswerQuestion of(String question, QueryResponse.Context context) {
        String asked = question.strip().toLowerCase(Locale.ROOT);
        Set<String> keywordTerms = new HashSet<>();
        Stream.of(context.lowLevelKeywords(), context.highLevelKeywords())
                .flatMap(List::stream)
                .filter(k -> !k.strip().toLowerCase(Locale.ROOT).equals(asked))
                .forEach(k -> keywordTerms.addAll(AnswerTerms.of(k)));
        Set<String> terms = new HashSet<>(AnswerTerms.of(question));
        terms.addAll(keywordTerms);
        return new AnswerQuestion(Set.copyOf(terms), AnswerTerms.pairs(question), Set.copyOf(keywordTerms));
    }

    double weight(String term) {
        return keywordTerms.contains(term) ? KEYWORD_WEIGHT : 1;
    }
}
