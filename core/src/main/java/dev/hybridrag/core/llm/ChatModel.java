package dev.hybridrag.core.llm;

import java.util.List;
import java.util.function.Consumer;

/** A chat-completion model. Implementations are thread-safe. */
public interface ChatModel {

    /** The model name, as sent to the provider. */
    String model();

    /** @throws LlmException when the call fails; {@link LlmException#retryable()} says whether trying again may help */
    ChatResult chat(List<ChatMessage> messages) throws LlmException;

    /**
     * The same completion as {@link #chat}, its text handed to {@code deltas} piece by piece as it is written. This
     * default delivers it in one piece; providers that can stream override it.
     *
     * @return the whole completion, the concatenation of the deltas
     */
    default ChatResult stream(List<ChatMessage> messages, Consumer<String> deltas) throws LlmException {
        ChatResult result = chat(messages);
        deltas.accept(result.content());
        return result;
    }
}
