package dev.hybridrag.core.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridrag.core.testing.FakeOpenAiServer;
import dev.hybridrag.core.testing.FakeOpenAiServer.Endpoint;
import dev.hybridrag.core.testing.Fault;
import dev.hybridrag.core.testing.TestLimits;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The API key never reaches an exception message, a cause or a toString, whatever goes wrong. */
class SecretLeakIT {

    private static final String KEY = "sk-proj-S3cr3tK3yMaterial0123456789";
    private static final String KEY_BODY = "S3cr3tK3yMaterial";
    private static final String KEY_PREFIX = "sk-proj-S3cr";
    private static final List<ChatMessage> QUESTION = List.of(ChatMessage.user("hello"));
    /** One attempt and a 300 ms timeout: each failure mode shows at once. */
    private static final CallLimits ONE_ATTEMPT = TestLimits.QUICK.toBuilder()
            .maxAttempts(1)
            .timeout(Duration.ofMillis(300))
            .build();

    @Test
    void noFailureModeShowsTheKey() throws Exception {
        List<Throwable> failures = new ArrayList<>();
        List<String> descriptions = new ArrayList<>();
        try (FakeOpenAiServer fake = FakeOpenAiServer.start()) {
            for (ProviderSettings settings : List.of(
                    new ProviderSettings("openai", "gpt-4o-mini", fake.baseUrl(), KEY, "", 0),
                    new ProviderSettings("azure", "gpt4o", fake.azureEndpoint(), KEY, "2024-10-21", 0))) {
                // Six different failures, then enough 500s to open the circuit (10 failures) and see it refuse.
                fake.faults(Endpoint.CHAT)
                        .then(Fault.rejected(400, "Invalid request for key " + KEY))
                        .then(Fault.rejected(403, "Key " + KEY.substring(0, 12) + "***" + KEY.substring(30) + " off"))
                        .then(Fault.serverError(), Fault.rateLimited(Duration.ofSeconds(1)), Fault.truncatedJson())
                        .then(Fault.slow(Duration.ofSeconds(1)))
                        .times(6, Fault.serverError());
                var remote = new OpenAiChatModel(settings, ONE_ATTEMPT.timeout());
                ChatModel model = new ResilientChatModel(remote, ONE_ATTEMPT, Clock.systemUTC(), new Random(1));
                descriptions.add(settings.toString());
                descriptions.add(remote.toString());
                descriptions.add(model.toString());
                for (int i = 0; i < 14; i++) {
                    collect(failures, model);
                }
            }
            // The fake echoes a wrong key in its 401, as OpenAI does.
            fake.requireApiKey("sk-some-other-key-entirely");
            fake.faults(Endpoint.CHAT).clear();
            var remote = new OpenAiChatModel(
                    new ProviderSettings("openai", "gpt-4o-mini", fake.baseUrl(), KEY, "", 0), ONE_ATTEMPT.timeout());
            collect(failures, remote);
            var embedder = new OpenAiEmbedder(
                    new ProviderSettings("openai", "text-embedding-3-small", fake.baseUrl(), KEY, "", 0),
                    ONE_ATTEMPT.timeout());
            descriptions.add(embedder.toString());
            try {
                embedder.embed(List.of("hello"));
            } catch (EmbeddingFailedException e) {
                failures.add(e);
            }
        }

        assertThat(failures).hasSize(2 * 14 + 2);
        assertThat(failures).anySatisfy(e -> assertThat(e).hasMessageContaining("circuit open"));
        assertThat(failures).anySatisfy(e -> assertThat(e).hasMessageContaining("HTTP 401"));
        for (Throwable failure : failures) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                assertThat(t.toString()).doesNotContain(KEY_BODY).doesNotContain(KEY_PREFIX);
            }
        }
        assertThat(descriptions).allSatisfy(text -> assertThat(text).doesNotContain(KEY_BODY));
    }

    private static void collect(List<Throwable> failures, ChatModel model) {
        try {
            model.chat(QUESTION);
        } catch (LlmException | RuntimeException e) {
            failures.add(e);
        }
    }
}
