package dev.hybridrag.core.llm;

/** The tokens one call was billed (or, before it returns, is expected to be billed) for. */
public record LlmUsage(LlmCall call, long promptTokens, long completionTokens) {

    public long totalTokens() {
        return promptTokens + completionTokens;
    }
}
