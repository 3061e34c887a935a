package dev.hybridrag.core.extract.offline;

/**
 * A word of a sentence with its Universal Dependencies part-of-speech tag. A {@code code} token is a whole inline
 * code span ({@code `bun test`}), its text without the backticks.
 */
record Token(String text, String tag, boolean code) {

    boolean capitalised() {
        return !text.isEmpty() && Character.isUpperCase(text.charAt(0));
    }

    boolean taggedAs(String... tags) {
        for (String candidate : tags) {
            if (candidate.equals(tag)) {
                return true;
            }
        }
        return false;
    }
}
