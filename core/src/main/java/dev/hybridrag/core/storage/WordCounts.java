package dev.hybridrag.core.storage;

import java.util.Map;

/**
 * What full-text ranking weighs a tenant's words by: how many rows of one table the tenant has, and how many of
 * them hold each of its common words, as counted a little while ago ({@link LexicalSearch#commonWords}). A word not
 * listed is counted when a question asks for it, which is cheap for a word in few rows and would be slow for a
 * common one: counting a word reads every row that holds it, up to {@link LexicalSearch#COMMON_ROWS}.
 *
 * @param rows the tenant's rows in the table
 * @param common lexeme to the number of rows holding it, for words in many rows; empty when none are known
 */
public record WordCounts(long rows, Map<String, Integer> common) {

    public WordCounts {
        common = Map.copyOf(common);
    }

    /** Every word counted when asked for: a small tenant's, or one whose common words are not counted yet. */
    public static WordCounts countedWhenAsked(long rows) {
        return new WordCounts(rows, Map.of());
    }
}
