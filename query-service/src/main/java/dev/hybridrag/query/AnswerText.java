package dev.hybridrag.query;

import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An answer being written: the text so far, each piece also handed to a listener (the SSE stream) as it is added.
 * Text that exists whole (an offline answer, a message) goes out paragraph by paragraph, so a streaming client sees
 * the same shape whoever wrote it. The final text is always exactly the concatenation of the pieces.
 */
final class AnswerText {

    private static final Pattern PARAGRAPH = Pattern.compile("(?s).+?(?:\\n\\n+|$)");

    private final StringBuilder text = new StringBuilder();
    private final Consumer<String> listener;

    /** @param listener receives each piece; {@code piece -> {}} when nobody streams */
    AnswerText(Consumer<String> listener) {
        this.listener = listener;
    }

    /** A piece as it arrives (a streamed LLM delta). */
    void append(String piece) {
        if (!piece.isEmpty()) {
            text.append(piece);
            listener.accept(piece);
        }
    }

    /** Whole text, handed on a paragraph at a time. */
    void appendParagraphs(String whole) {
        Matcher paragraphs = PARAGRAPH.matcher(whole);
        while (paragraphs.find()) {
            append(paragraphs.group());
        }
    }

    boolean isEmpty() {
        return text.isEmpty();
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
