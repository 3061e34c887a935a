package dev.hybridrag.core.extract;

/** Finds entities and relations in a chunk of text. Implementations are thread-safe. */
public interface ChunkExtractor {

    /**
     * Identifies the extractor and its settings for the LLM cache: a different value means cached results do not
     * apply (for an LLM: prompt template version and model).
     */
    String cacheIdentity();

    ChunkExtraction extract(String chunk) throws Exception;
}
