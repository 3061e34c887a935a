package dev.hybridrag.core.llm;

import java.util.List;

/** A chat-completion model. Implementations are thread-safe. */
public interface ChatModel {

    /** The model name, as sent to the provider. */
    String model();

    /** @throws LlmException when the call fails; {@link LlmException#retryable()} says whether trying again may help */
    ChatResult chat(List<ChatMessage> messages) throws LlmException;
}
