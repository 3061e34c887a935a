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
    private final LlmCall call;

    /** Calls are written down as {@code operation} in the ledger and the metrics. */
    public ResilientChatModel(ChatModel delegate, CallGuard guard, LlmOperation operation) {
        this.delegate = delegate;
        this.guard = guard;
        this.call = LlmCall.chat(delegate.model(), operation);
    }

    /** Calls are written down as extractions. */
    public ResilientChatModel(ChatModel delegate, CallGuard guard) {
        this(delegate, guard, LlmOperation.EXTRACT);
    }

    /** The same model and guard, its calls written down as {@code operation}. */
    public ResilientChatModel forOperation(LlmOperation operation) {
        return new ResilientChatModel(delegate, guard, operation);
    }

    /**
     * Guarded by a {@link CallGuard} of its own, named after the model.
     *
     * @param clock the budget's day and the circuit breaker's open time
     * @param random backoff jitter; must be thread-safe
     */
    public ResilientChatModel(ChatModel delegate, CallLimits limits, Clock clock, RandomGenerator random) {
        this(delegate, new CallGuard("chat-" + delegate.model(), limits, clock, random));
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
                call, OpenAiChatModel.estimatePromptTokens(messages), () -> delegate.chat(messages), this::billed);
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
                call,
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
                this::billed);
    }

    private LlmUsage billed(ChatResult result) {
        return call.usage(result.promptTokens(), result.completionTokens());
    }

    @Override
    public String toString() {
        return "ResilientChatModel[" + delegate + ", " + guard + "]";
    }
}
