package dev.hybridrag.core.llm;

/** The chat client behind its retry, rate limit, bulkhead, circuit breaker and spend guard keeps the contract. */
class ResilientChatModelContractIT extends ChatModelContract {

    @Override
    protected ChatModel model(ProviderSettings provider) {
        return ResilientChatModel.openAi(provider, CallLimits.defaults());
    }
}
