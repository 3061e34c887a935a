package dev.hybridrag.core.extract.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The distinct descriptions given for one entity or relation. A description contained in another (ignoring case and
 * spacing) adds nothing, so only the longer one is kept; different ones are all kept, in the order given.
 */
final class Descriptions {

    private final List<String> texts = new ArrayList<>();

    void add(String description) {
        String text = clean(description);
        if (text.isEmpty()) {
            return;
        }
        String comparable = comparable(text);
        for (String known : texts) {
            if (comparable(known).contains(comparable)) {
                return;
            }
        }
        texts.removeIf(known -> comparable.contains(comparable(known)));
        texts.add(text);
    }

    String joined() {
        return String.join("\n", texts);
    }

    private static String clean(String description) {
        if (description == null) {
            return "";
        }
        String text = description.replaceAll("[\\s&&[^\n]]+", " ").strip();
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            text = text.substring(1, text.length() - 1).strip();
        }
        return text;
    }

    private static String comparable(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }
}
