package dev.hybridrag.core.llm;

/**
 * One kind of provider call of a tenant: which model, chat or embedding, and what for.
 *
 * @param kind {@code chat}, {@code embedding} or {@code rerank}
 */
public record LlmCall(String model, String kind, LlmOperation operation) {

    public static final String CHAT = "chat";
    public static final String EMBEDDING = "embedding";
    public static final String RERANK = "rerank";

    public static LlmCall chat(String model, LlmOperation operation) {
        return new LlmCall(model, CHAT, operation);
    }

    public static LlmCall embedding(String model) {
        return new LlmCall(model, EMBEDDING, LlmOperation.EMBED);
    }

    public static LlmCall rerank(String model) {
        return new LlmCall(model, RERANK, LlmOperation.RERANK);
    }

    public LlmUsage usage(long promptTokens, long completionTokens) {
        return new LlmUsage(this, promptTokens, completionTokens);
    }
}
