package dev.hybridrag.core.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hybridrag.core.llm.LlmException.Kind;
import dev.hybridrag.core.testing.FakeOpenAiServer;
import dev.hybridrag.core.testing.FakeOpenAiServer.Endpoint;
import dev.hybridrag.core.testing.FakeOpenAiServer.Outcome;
import dev.hybridrag.core.testing.Fault;
import dev.hybridrag.core.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Retries, Retry-After, timeouts, the circuit breaker and the spend guard, against the fake provider. */
class ResilientChatModelIT {

    private static final List<ChatMessage> QUESTION = List.of(ChatMessage.user("Which services use Kafka?"));
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final FakeOpenAiServer fake = FakeOpenAiServer.start();

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void serverErrorsAreRetriedUntilSuccess() throws LlmException {
        fake.faults(Endpoint.CHAT).times(2, Fault.serverError());

        assertThat(resilient(limits(4, TIMEOUT)).chat(QUESTION).content()).isEqualTo("fake completion");

        assertThat(fake.calls()).isEqualTo(3);
        assertThat(fake.calls(Outcome.SERVER_ERROR)).isEqualTo(2);
    }

    @Test
    void aStreamedCompletionArrivesInPiecesThatMakeTheSameText() throws LlmException {
        fake.respondToChat(messages -> "Kafka carries file events from the watcher to the extractor workers.");
        ChatModel model = resilient(limits(4, TIMEOUT));
        List<String> deltas = new ArrayList<>();

        ChatResult streamed = model.stream(QUESTION, deltas::add);

        assertThat(deltas).hasSizeGreaterThan(1);
        assertThat(String.join("", deltas))
                .isEqualTo(streamed.content())
                .isEqualTo(model.chat(QUESTION).content());
        assertThat(fake.requests().getFirst().body()).contains("\"stream\":true");
    }

    @Test
    void aStreamThatFailsBeforeItsFirstPieceIsRetried() throws LlmException {
        fake.faults(Endpoint.CHAT).times(2, Fault.serverError());
        List<String> deltas = new ArrayList<>();

        ChatResult streamed = resilient(limits(4, TIMEOUT)).stream(QUESTION, deltas::add);

        assertThat(streamed.content()).isEqualTo("fake completion");
        assertThat(String.join("", deltas)).isEqualTo("fake completion");
        assertThat(fake.calls(Outcome.SERVER_ERROR)).isEqualTo(2);
    }

    @Test
    void aStreamThatStallsAfterItsFirstPiecesFailsAfterTheTimeoutAndIsNotRetried() {
        fake.respondToChat(messages -> "one two three four five six seven eight nine ten eleven twelve")
                .streamStall(2, Duration.ofSeconds(20));
        List<String> deltas = new ArrayList<>();
        ChatModel model = resilient(limits(4, Duration.ofSeconds(1)));

        // The stall lasts 20 s; the message says the 1 s timeout ended the call.
        assertThatThrownBy(() -> model.stream(QUESTION, deltas::add))
                .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e)
                        .hasMessageContaining("stalled for longer than PT1S")
                        .hasMessageContaining("after the answer had begun"));

        assertThat(String.join("", deltas)).isEqualTo("one two three four five six ");
        assertThat(fake.calls())
                .as("part of the answer was shown: not asked again")
                .isEqualTo(1);
    }

    @Test
    void aCallerThatStopsListeningIsNotCountedAgainstTheProvider() throws LlmException {
        ChatModel model = resilient(limits(1, TIMEOUT));
        for (int i = 0; i < 15; i++) {
            assertThatThrownBy(() -> model.stream(QUESTION, delta -> {
                        throw new java.io.UncheckedIOException(new java.io.IOException("Broken pipe"));
                    }))
                    .isInstanceOf(java.io.UncheckedIOException.class);
        }

        assertThat(model.chat(QUESTION).content())
                .as("the circuit is still closed")
                .isEqualTo("fake completion");
    }

    @Test
    void aRejectedRequestIsNotRetriedAndItsMessageHidesTheKey() {
        fake.requireApiKey("sk-the-right-key-000");
        ChatModel model = resilient(
                new ProviderSettings("openai", "gpt-4o-mini", fake.baseUrl(), "sk-wrong-key-1234567", "", 0),
                limits(5, TIMEOUT),
                Clock.systemUTC());

        assertThatThrownBy(() -> model.chat(QUESTION)).isInstanceOfSatisfying(LlmException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.REJECTED);
            assertThat(e).hasMessageContaining("HTTP 401").hasMessageNotContaining("sk-wrong-key-1234567");
        });
        assertThat(fake.calls()).isEqualTo(1);
    }

    @Test
    void retryAfterIsWaitedOutInsteadOfTheShortBackoff() throws LlmException {
        fake.faults(Endpoint.CHAT).then(Fault.rateLimited(Duration.ofSeconds(1)));
        ChatModel model = resilient(limits(3, TIMEOUT));

        model.chat(QUESTION);

        assertThat(fake.calls()).isEqualTo(2);
        List<Long> arrivals =
                fake.requests().stream().map(r -> r.receivedNanos()).toList();
        // A lower bound only: the second request cannot come sooner than the provider asked, however loaded the
        // machine (how long the whole call takes is for a benchmark to measure).
        assertThat(Duration.ofNanos(arrivals.get(1) - arrivals.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void aRetryAfterBeyondTheLimitFailsAtOnceForTheCallerToPark() {
        fake.faults(Endpoint.CHAT).then(Fault.rateLimited(Duration.ofHours(1)));

        assertThatThrownBy(() -> resilient(limits(5, TIMEOUT)).chat(QUESTION))
                .isInstanceOfSatisfying(LlmException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
                    assertThat(e.retryAfter()).contains(Duration.ofHours(1));
                });
        assertThat(fake.calls()).isEqualTo(1);
    }

    @Test
    void aMalformedBodyIsRetriedAndReportedWhenItPersists() throws LlmException {
        ChatModel model = resilient(limits(3, TIMEOUT));
        fake.faults(Endpoint.CHAT).then(Fault.htmlPage());
        assertThat(model.chat(QUESTION).content()).isEqualTo("fake completion");
        assertThat(fake.calls()).isEqualTo(2);

        fake.faults(Endpoint.CHAT).times(3, Fault.truncatedJson());
        assertThatThrownBy(() -> model.chat(QUESTION))
                .isInstanceOfSatisfying(
                        LlmException.class, e -> assertThat(e.kind()).isEqualTo(Kind.MALFORMED_RESPONSE));
        assertThat(fake.calls()).isEqualTo(5);
    }

    @Test
    void aSlowAnswerTimesOutAndIsRetried() throws LlmException {
        fake.faults(Endpoint.CHAT).then(Fault.slow(Duration.ofSeconds(2)));

        // The answer that would take 2 s is given up on (300 ms timeout) and the retry answers.
        assertThat(resilient(limits(3, Duration.ofMillis(300))).chat(QUESTION).content())
                .isEqualTo("fake completion");

        assertThat(fake.calls(Outcome.SLOW)).isEqualTo(1);
        assertThat(fake.calls(Outcome.OK)).isEqualTo(1);

        fake.faults(Endpoint.CHAT).times(2, Fault.slow(Duration.ofSeconds(2)));
        assertThatThrownBy(() -> resilient(limits(2, Duration.ofMillis(300))).chat(QUESTION))
                .isInstanceOfSatisfying(
                        LlmException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TIMEOUT));
    }

    @Test
    void theCircuitOpensAfterRepeatedFailuresFailsFastAndProbesAfterThirtySeconds() throws LlmException {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-02T10:00:00Z"));
        ChatModel model = resilient(settings(), limits(1, TIMEOUT), clock);
        fake.faults(Endpoint.CHAT).times(10, Fault.serverError());
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> model.chat(QUESTION)).isInstanceOf(LlmException.class);
        }
        assertThat(fake.calls()).isEqualTo(10);

        assertThatThrownBy(() -> model.chat(QUESTION)).isInstanceOfSatisfying(LlmException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.REFUSED_LOCALLY);
            assertThat(e).hasMessageContaining("circuit open");
        });
        assertThat(fake.calls())
                .as("an open circuit does not call the provider")
                .isEqualTo(10);

        clock.advance(CallGuard.OPEN_DURATION.plusSeconds(1));
        assertThat(model.chat(QUESTION).content()).isEqualTo("fake completion");
        assertThat(fake.calls()).isEqualTo(11);
    }

    @Test
    void rejectedCallsDoNotOpenTheCircuit() {
        ChatModel model = resilient(limits(1, TIMEOUT));
        fake.faults(Endpoint.CHAT).times(12, Fault.rejected(400, "invalid prompt"));
        for (int i = 0; i < 12; i++) {
            assertThatThrownBy(() -> model.chat(QUESTION))
                    .isInstanceOfSatisfying(
                            LlmException.class, e -> assertThat(e.kind()).isEqualTo(Kind.REJECTED));
        }
        assertThat(fake.calls()).isEqualTo(12);
    }

    @Test
    void theSpendGuardStopsCallingOnceTheDailyBudgetIsSpent() throws LlmException {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-02T23:59:00Z"));
        // 1 USD per token: the first call alone spends the 5 USD budget.
        var limits = CallLimits.builder()
                .maxAttempts(1)
                .backoff(Duration.ofMillis(10), Duration.ofMillis(50))
                .maxConcurrentCalls(2)
                .timeout(TIMEOUT)
                .dailyBudgetUsd(5)
                .prices(ModelPrices.flat(1_000_000))
                .build();
        ChatModel model = resilient(settings(), limits, clock);

        model.chat(QUESTION);
        assertThatThrownBy(() -> model.chat(QUESTION)).isInstanceOfSatisfying(LlmException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.REFUSED_LOCALLY);
            assertThat(e).hasMessageStartingWith("daily spend limit of 5.00 USD reached for tenant");
        });
        assertThat(fake.calls()).isEqualTo(1);

        clock.advance(Duration.ofMinutes(1));
        model.chat(QUESTION);
        assertThat(fake.calls()).isEqualTo(2);
    }

    @Test
    void underRandomFaultsEveryCallSucceedsWithFewWastedRequests() throws Exception {
        fake.faults(Endpoint.CHAT)
                .seed(42)
                .sometimes(0.3, Fault.rateLimited(Duration.ZERO))
                .sometimes(0.1, Fault.serverError());
        ChatModel model = resilient(limits(12, TIMEOUT));
        int calls = 50;

        List<Future<ChatResult>> results = new ArrayList<>();
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < calls; i++) {
                results.add(callers.submit(() -> model.chat(QUESTION)));
            }
        }
        for (Future<ChatResult> result : results) {
            assertThat(result.get().content()).isEqualTo("fake completion");
        }

        int faults = fake.calls(Outcome.RATE_LIMITED) + fake.calls(Outcome.SERVER_ERROR);
        double ratio = (double) fake.calls() / calls;
        System.out.printf(
                "random faults: %d calls took %d requests (%d x 429, %d x 500), ratio %.2f%n",
                calls, fake.calls(), fake.calls(Outcome.RATE_LIMITED), fake.calls(Outcome.SERVER_ERROR), ratio);
        assertThat(fake.calls(Outcome.OK))
                .as("one successful request per call, no duplicates")
                .isEqualTo(calls);
        assertThat(fake.calls()).as("every extra request is a retry of a fault").isEqualTo(calls + faults);
        // A 40% fault rate costs 1 / 0.6 = 1.67 requests per call on average (sd about 0.15 over 50 calls).
        assertThat(ratio).isBetween(1.2, 2.1);
    }

    private ChatModel resilient(CallLimits limits) {
        return resilient(settings(), limits, Clock.systemUTC());
    }

    private ChatModel resilient(ProviderSettings settings, CallLimits limits, Clock clock) {
        return new ResilientChatModel(
                new OpenAiChatModel(settings, limits.timeout(), clock), limits, clock, new Random(7));
    }

    private ProviderSettings settings() {
        return new ProviderSettings("openai", "gpt-4o-mini", fake.baseUrl(), "sk-test-0123456789", "", 0);
    }

    private static CallLimits limits(int maxAttempts, Duration timeout) {
        return CallLimits.builder()
                .maxAttempts(maxAttempts)
                .backoff(Duration.ofMillis(10), Duration.ofMillis(80))
                .maxConcurrentCalls(4)
                .timeout(timeout)
                .build();
    }
}
