package dev.hybridrag.core.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hybridrag.core.chunk.TokenCounter;
import dev.hybridrag.core.llm.LlmException.Kind;
import dev.hybridrag.core.testing.FakeOpenAiServer;
import dev.hybridrag.core.testing.FakeOpenAiServer.Endpoint;
import dev.hybridrag.core.testing.Fault;
import dev.hybridrag.core.testing.RecordedRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The bare clients against the fake provider: wire format, URLs, auth headers, and how each failure is sorted. */
class OpenAiClientsIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final List<ChatMessage> QUESTION =
            List.of(ChatMessage.system("You extract entities."), ChatMessage.user("Kafka talks to PostgreSQL."));

    private final FakeOpenAiServer fake = FakeOpenAiServer.start();

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void openAiChatSendsBearerKeyAndReadsCompletionAndUsage() throws LlmException {
        fake.requireApiKey("sk-test-0123456789")
                .respondToChat(messages -> "entities of: " + messages.getLast().content());
        var model = new OpenAiChatModel(openAi("gpt-4o-mini", "sk-test-0123456789"), TIMEOUT);
        ChatResult result = model.chat(QUESTION);

        assertThat(result.content()).isEqualTo("entities of: Kafka talks to PostgreSQL.");
        assertThat(result.promptTokens()).isEqualTo(OpenAiChatModel.estimatePromptTokens(QUESTION));
        assertThat(result.completionTokens()).isEqualTo(new TokenCounter().count(result.content()));
        RecordedRequest request = fake.lastRequest();
        assertThat(request.path()).isEqualTo("/v1/chat/completions");
        assertThat(request.header("Authorization")).contains("Bearer sk-test-0123456789");
        assertThat(request.header("api-key")).isEmpty();
        assertThat(request.json().path("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(request.json().path("temperature").asDouble(-1)).isZero();
        assertThat(request.json().path("messages").path(1).path("role").asText())
                .isEqualTo("user");
    }

    @Test
    void azureChatUsesDeploymentPathApiVersionAndApiKeyHeader() throws LlmException {
        fake.requireApiKey("azure-key-abcdef");
        var settings = new ProviderSettings(
                "azure", "extractor-4o", fake.azureEndpoint(), "azure-key-abcdef", "2024-10-21", 0);
        var model = new OpenAiChatModel(settings, TIMEOUT);
        assertThat(model.chat(QUESTION).content()).isEqualTo("fake completion");
        RecordedRequest request = fake.lastRequest();
        assertThat(request.path()).isEqualTo("/openai/deployments/extractor-4o/chat/completions");
        assertThat(request.query()).isEqualTo("api-version=2024-10-21");
        assertThat(request.header("api-key")).contains("azure-key-abcdef");
        assertThat(request.header("Authorization")).isEmpty();
    }

    @Test
    void compatibleServerWithoutKeyGetsNoAuthHeaderAndMissingUsageIsEstimated() throws LlmException {
        fake.reportUsage(false).respondToChat(messages -> "three little words");
        var settings = new ProviderSettings("compatible", "llama3.1", fake.baseUrl(), "", "", 0);
        var model = new OpenAiChatModel(settings, TIMEOUT);
        ChatResult result = model.chat(QUESTION);

        assertThat(result.promptTokens()).isEqualTo(OpenAiChatModel.estimatePromptTokens(QUESTION));
        assertThat(result.completionTokens()).isEqualTo(new TokenCounter().count("three little words"));
        assertThat(fake.lastRequest().header("Authorization")).isEmpty();
        assertThat(fake.lastRequest().header("api-key")).isEmpty();
    }

    @Test
    void embeddingsComeBackInInputOrderAtUnitLengthAndTeachTheDimension() {
        fake.embeddingDimension(12);
        List<String> texts = List.of("alpha", "beta", "gamma");
        var embedder = new OpenAiEmbedder(openAi("text-embedding-3-small", "sk-test-0123456789"), TIMEOUT);
        List<float[]> vectors = embedder.embed(texts);

        assertThat(vectors).hasSize(3);
        for (int i = 0; i < texts.size(); i++) {
            assertThat(vectors.get(i)).containsExactly(fake.vectorFor(texts.get(i)));
            assertThat(norm(vectors.get(i))).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        }
        assertThat(embedder.dimension()).isEqualTo(12);
        assertThat(fake.calls(Endpoint.EMBEDDINGS)).isEqualTo(1);
        assertThat(fake.lastRequest().path()).isEqualTo("/v1/embeddings");
        assertThat(fake.lastRequest().header("Authorization")).contains("Bearer sk-test-0123456789");
    }

    @Test
    void azureEmbeddingsUseTheDeploymentPath() {
        var settings =
                new ProviderSettings("azure", "embed-small", fake.azureEndpoint(), "azure-key-abcdef", "2024-10-21", 8);
        var embedder = new OpenAiEmbedder(settings, TIMEOUT);
        assertThat(embedder.embedQuery("where is kafka configured?"))
                .containsExactly(fake.vectorFor("where is kafka configured?"));
        assertThat(embedder.dimension()).isEqualTo(8);
        assertThat(fake.lastRequest().path()).isEqualTo("/openai/deployments/embed-small/embeddings");
        assertThat(fake.lastRequest().query()).isEqualTo("api-version=2024-10-21");
        assertThat(fake.lastRequest().header("api-key")).contains("azure-key-abcdef");
    }

    @Test
    void aDimensionOtherThanConfiguredIsRejected() {
        var settings = new ProviderSettings("openai", "text-embedding-3-small", fake.baseUrl(), "", "", 1536);
        var embedder = new OpenAiEmbedder(settings, TIMEOUT);
        assertThatThrownBy(() -> embedder.embed(List.of("alpha")))
                .isInstanceOfSatisfying(EmbeddingFailedException.class, e -> {
                    assertThat(e.failure().kind()).isEqualTo(Kind.REJECTED);
                    assertThat(e).hasMessageContaining("8-dimensional").hasMessageContaining("1536");
                });
    }

    @Test
    void eachFailureIsSortedIntoItsKind() {
        fake.faults(Endpoint.CHAT)
                .then(Fault.rateLimited(Duration.ofSeconds(7)))
                .then(Fault.serverError())
                .then(Fault.rejected(400, "This model's maximum context length is 128000 tokens."))
                .then(Fault.truncatedJson(), Fault.htmlPage(), Fault.emptyChoices())
                .then(Fault.slow(Duration.ofSeconds(2)));
        var model = new OpenAiChatModel(openAi("gpt-4o-mini", ""), Duration.ofMillis(300));
        LlmException limited = failure(model);
        assertThat(limited.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(limited.retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(failure(model).kind()).isEqualTo(Kind.SERVER_ERROR);
        LlmException rejected = failure(model);
        assertThat(rejected.kind()).isEqualTo(Kind.REJECTED);
        assertThat(rejected).hasMessageContaining("HTTP 400").hasMessageContaining("maximum context length");
        assertThat(failure(model).kind()).isEqualTo(Kind.MALFORMED_RESPONSE);
        assertThat(failure(model).kind()).isEqualTo(Kind.MALFORMED_RESPONSE);
        assertThat(failure(model).kind()).isEqualTo(Kind.MALFORMED_RESPONSE);
        assertThat(failure(model).kind()).isEqualTo(Kind.TIMEOUT);
    }

    private static LlmException failure(ChatModel model) {
        try {
            model.chat(QUESTION);
        } catch (LlmException e) {
            return e;
        }
        throw new AssertionError("the call should have failed");
    }

    private ProviderSettings openAi(String model, String apiKey) {
        return new ProviderSettings("openai", model, fake.baseUrl(), apiKey, "", 0);
    }

    private static double norm(float[] vector) {
        double squares = 0;
        for (float value : vector) {
            squares += (double) value * value;
        }
        return Math.sqrt(squares);
    }
}
