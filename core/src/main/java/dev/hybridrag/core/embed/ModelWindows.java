package dev.hybridrag.core.embed;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Cuts a text into windows the offline model reads whole, counted in its own word-pieces. The embedding library
 * means to embed a long text window by window, but it loads the tokenizer with DJL's defaults, which truncate at 512
 * word-pieces: it only ever saw the first window, and the rest of a long chunk never reached its vector. This
 * tokenizer, the same file, does not truncate.
 */
final class ModelWindows {

    /** What the model reads at once, less its [CLS] and [SEP]. */
    static final int WORD_PIECES = 510;

    private final HuggingFaceTokenizer tokenizer;

    ModelWindows(String tokenizerResource) {
        try (InputStream in = ModelWindows.class.getResourceAsStream(tokenizerResource)) {
            if (in == null) {
                throw new IllegalStateException("tokenizer " + tokenizerResource + " is not on the class path");
            }
            tokenizer = HuggingFaceTokenizer.newInstance(in, Map.of("padding", "false", "truncation", "false"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One window for a text that fits, else consecutive windows of {@link #WORD_PIECES}, in order. */
    List<Window> of(String text) {
        long[] ids = tokenizer.encode(text, false, false).getIds();
        if (ids.length <= WORD_PIECES) {
            return List.of(new Window(text, Math.max(ids.length, 1)));
        }
        List<Window> windows = new ArrayList<>();
        for (int from = 0; from < ids.length; from += WORD_PIECES) {
            long[] piece = Arrays.copyOfRange(ids, from, Math.min(from + WORD_PIECES, ids.length));
            windows.add(new Window(tokenizer.decode(piece, true), piece.length));
        }
        return windows;
    }

    /** A window's text and how many word-pieces it holds (its weight in the average). */
    record Window(String text, int wordPieces) {}
}
