package dev.hybridrag.query.api;

import dev.hybridrag.query.retrieval.RetrievalOptions;
import java.util.Locale;

/**
 * A chat message as LightRAG's Ollama emulation reads it: an optional leading {@code /mode} (or {@code /modecontext},
 * or {@code /context}) picks the query mode and whether only the retrieved context is wanted; the rest is the
 * question. Without a prefix the mode is hybridrag's default, {@code mix}.
 */
record OllamaPrompt(String mode, boolean contextOnly, String question) {

    static final String DEFAULT_MODE = "mix";

    static OllamaPrompt parse(String message) {
        String text = message.strip();
        if (!text.startsWith("/")) {
            return new OllamaPrompt(DEFAULT_MODE, false, text);
        }
        int space = indexOfWhitespace(text);
        String word = text.substring(1, space < 0 ? text.length() : space).toLowerCase(Locale.ROOT);
        String rest = space < 0 ? "" : text.substring(space).strip();
        if (word.equals("context")) {
            return new OllamaPrompt(DEFAULT_MODE, true, rest);
        }
        boolean contextOnly = word.endsWith("context");
        String mode = contextOnly ? word.substring(0, word.length() - "context".length()) : word;
        if (RetrievalOptions.MODES.contains(mode)) {
            return new OllamaPrompt(mode, contextOnly, rest);
        }
        // Not a mode: a question that happens to start with a slash, such as a path.
        return new OllamaPrompt(DEFAULT_MODE, false, text);
    }

    private static int indexOfWhitespace(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
