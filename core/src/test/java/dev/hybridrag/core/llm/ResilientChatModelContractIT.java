package dev.hybridrag.core.llm;

import java.time.Clock;
import java.util.Random;

/** The chat client behind its retry, rate limit, bulkhead, circuit breaker and spend guard keeps the contract. */
class ResilientChatModelContractIT extends ChatModelContract {

    @Override
    protected ChatModel model(ProviderSettings provider) {
        CallLimits limits = CallLimits.defaults();
        return new ResilientChatModel(
                new OpenAiChatModel(provider, limits.timeout()), limits, Clock.systemUTC(), new Random(1));
    }
}
