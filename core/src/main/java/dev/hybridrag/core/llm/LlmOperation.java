package dev.hybridrag.core.llm;

import java.util.Locale;

/** What an LLM or embedding call is for: a label of the usage ledger, the cost report and the metrics. */
public enum LlmOperation {
    /** A chunk's first extraction pass. */
    EXTRACT,
    /** A follow-up pass asking for entities the first one missed. */
    GLEAN,
    /** Merging an entity's or relation's many descriptions into one. */
    SUMMARISE,
    /** A question's keywords for graph retrieval. */
    KEYWORDS,
    /** An answer to a question. */
    ANSWER,
    /** Vectors for chunks, graph keys or questions. */
    EMBED,
    /** Ordering a question's retrieved chunks by a rerank model. */
    RERANK;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the labels there are */
    public static LlmOperation ofLabel(String label) {
        for (LlmOperation operation : values()) {
            if (operation.label().equals(label)) {
                return operation;
            }
        }
        throw new IllegalArgumentException("unknown operation '" + label + "'");
    }
}
