package dev.hybridrag.indexer.graph;

import java.util.List;

/**
 * Merges the distinct descriptions of one entity or relation into one. Must give the same result for the same
 * descriptions, whatever order the facts arrived in, so rebuilding a key is a pure function of its fragments.
 */
@FunctionalInterface
public interface DescriptionMerger {

    /** @param descriptions distinct, non-blank, sorted */
    String merge(String name, List<String> descriptions) throws Exception;
}
