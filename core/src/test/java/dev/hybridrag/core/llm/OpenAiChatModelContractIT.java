package dev.hybridrag.core.llm;

import java.time.Duration;

/** The OpenAI-compatible chat client keeps the chat model contract. */
class OpenAiChatModelContractIT extends ChatModelContract {

    @Override
    protected ChatModel model(ProviderSettings provider) {
        return new OpenAiChatModel(provider, Duration.ofSeconds(5));
    }
}
