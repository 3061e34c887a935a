package dev.hybridrag.core.llm;

/** A completion and the tokens it used, as the provider reported them (or estimated when it did not). */
public record ChatResult(String content, int promptTokens, int completionTokens) {}
