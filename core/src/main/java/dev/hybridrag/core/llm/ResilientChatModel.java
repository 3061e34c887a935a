package dev.hybridrag.core.llm;

import dev.hybridrag.core.llm.LlmException.Kind;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/** A chat model behind a {@link CallGuard}: retries, rate limits, bulkhead, circuit breaker and spend guard. */
public final class ResilientChatModel implements ChatModel {

    private final ChatModel delegate;
    private final CallGuard guard;

    public ResilientChatModel(ChatModel delegate, CallGuard guard) {
        this.delegate = delegate;
        this.guard = guard;
    }

    /**
     * Guarded by a {@link CallGuard} of its own, named after the model.
     *
     * @param clock the spend guard's day and the circuit breaker's open time
     * @param random backoff jitter; must be thread-safe
     */
    public ResilientChatModel(ChatModel delegate, CallLimits limits, Clock clock, RandomGenerator random) {
        this(delegate, new CallGuard("chat-" + delegate.model(), limits, clock, random));
    }

    /** An OpenAI-style chat model for {@code settings}, guarded by {@code limits} on the system clock. */
    public static ResilientChatModel openAi(ProviderSettings settings, CallLimits limits) {
        return new ResilientChatModel(
                new OpenAiChatModel(settings, limits.timeout()), CallGuard.of("chat-" + settings.model(), limits));
    }

    @Override
    public String model() {
        return delegate.model();
    }

    /**
     * The token limit is charged the prompt before the call (the completion's length is unknown) and the completion
     * after it.
     */
    @Override
    public ChatResult chat(List<ChatMessage> messages) throws LlmException {
        return guard.call(
                OpenAiChatModel.estimatePromptTokens(messages),
                () -> delegate.chat(messages),
                result -> result.promptTokens() + result.completionTokens());
    }

    /**
     * Retried like {@link #chat} until the first piece of text has been delivered; a stream that breaks after that
     * is not retried, since the caller has already shown part of the answer.
     */
    @Override
    public ChatResult stream(List<ChatMessage> messages, Consumer<String> deltas) throws LlmException {
        AtomicBoolean started = new AtomicBoolean();
        Consumer<String> marking = delta -> {
            started.set(true);
            deltas.accept(delta);
        };
        return guard.call(
                OpenAiChatModel.estimatePromptTokens(messages),
                () -> {
                    try {
                        return delegate.stream(messages, marking);
                    } catch (LlmException e) {
                        if (!started.get()) {
                            throw e;
                        }
                        throw new LlmException(
                                Kind.REJECTED, e.getMessage() + " (after the answer had begun)", null, e);
                    }
                },
                result -> result.promptTokens() + result.completionTokens());
    }

    @Override
    public String toString() {
        return "ResilientChatModel[" + delegate + ", " + guard + "]";
    }
}
