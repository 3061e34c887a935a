package dev.hybridrag.core.llm;

import java.util.List;

/** Scores documents by their relevance to a query (a cross-encoder behind a Cohere/Jina-style /rerank API). */
public interface Reranker {

    String model();

    /** One relevance score per document, in the documents' order; higher is more relevant. */
    List<Double> relevance(String query, List<String> documents) throws LlmException;
}
