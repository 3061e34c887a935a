package dev.hybridrag.core.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hybridrag.core.testing.FakeOpenAiServer;
import dev.hybridrag.core.testing.FakeOpenAiServer.Endpoint;
import dev.hybridrag.core.testing.Fault;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ChatModel} promises, run by each implementation's own test against the fake provider: it names
 * its model, answers with the provider's completion, streams the same completion piece by piece, and a request the
 * provider refuses for good ends in an {@link LlmException} that says not to retry.
 */
public abstract class ChatModelContract {

    protected static final String MODEL = "fake-llm";
    private static final List<ChatMessage> QUESTION =
            List.of(ChatMessage.system("You answer briefly."), ChatMessage.user("Which topic carries file events?"));

    protected final FakeOpenAiServer fake = FakeOpenAiServer.start();

    /** The model under test, talking to {@code provider} as model {@link #MODEL}. */
    protected abstract ChatModel model(ProviderSettings provider);

    private ChatModel model() {
        return model(new ProviderSettings("compatible", MODEL, fake.baseUrl(), "", "", 0));
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void answersWithTheProvidersCompletion() throws LlmException {
        fake.respondToChat(messages -> "asked: " + messages.getLast().content());
        ChatModel model = model();

        assertThat(model.model()).isEqualTo(MODEL);
        ChatResult result = model.chat(QUESTION);
        assertThat(result.content()).isEqualTo("asked: Which topic carries file events?");
        assertThat(result.promptTokens()).isPositive();
        assertThat(result.completionTokens()).isPositive();
    }

    @Test
    void aStreamedCompletionIsTheWholeCompletionInPieces() throws LlmException {
        fake.respondToChat(messages -> "The hybridrag.files topic carries them, keyed by tenant and path.");
        ChatModel model = model();
        List<String> deltas = new ArrayList<>();

        ChatResult streamed = model.stream(QUESTION, deltas::add);

        assertThat(String.join("", deltas)).isEqualTo(streamed.content());
        assertThat(streamed.content()).isEqualTo(model.chat(QUESTION).content());
    }

    @Test
    void aRequestRefusedForGoodIsNotRetryable() {
        fake.faults(Endpoint.CHAT).times(100, Fault.rejected(400, "this model does not exist"));
        ChatModel model = model();

        assertThatThrownBy(() -> model.chat(QUESTION))
                .isInstanceOfSatisfying(
                        LlmException.class, e -> assertThat(e.retryable()).isFalse());
    }
}
