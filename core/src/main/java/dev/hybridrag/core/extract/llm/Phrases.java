package dev.hybridrag.core.extract.llm;

import dev.hybridrag.core.extract.EntityNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Distinct keywords or short phrases, compared without case, quotes or surrounding punctuation; first form wins. */
final class Phrases {

    private final Map<String, String> byKey = new LinkedHashMap<>();

    /** Adds each phrase of a comma- or semicolon-separated list. */
    void addList(String list) {
        if (list == null) {
            return;
        }
        for (String part : list.split("[,;，、]")) {
            String phrase = EntityNames.display(part);
            String key = EntityNames.key(phrase);
            if (!key.isEmpty()) {
                byKey.putIfAbsent(key, phrase);
            }
        }
    }

    boolean isEmpty() {
        return byKey.isEmpty();
    }

    List<String> list() {
        return new ArrayList<>(byKey.values());
    }

    String joined() {
        return String.join(", ", byKey.values());
    }
}
