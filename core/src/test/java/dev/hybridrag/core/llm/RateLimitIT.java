package dev.hybridrag.core.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridrag.core.testing.FakeOpenAiServer;
import dev.hybridrag.core.testing.RecordedRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The requests-per-minute limit holds even when callers all arrive at once. */
class RateLimitIT {

    @Test
    void requestsPerMinuteIsHeldAcrossABurstOfConcurrentCalls() throws Exception {
        int perMinute = 120; // 2 permits a second
        int calls = 10;
        var limits = CallLimits.builder()
                .maxAttempts(1)
                .backoff(Duration.ofMillis(10), Duration.ofMillis(50))
                .requestsPerMinute(perMinute)
                .maxConcurrentCalls(calls)
                .timeout(Duration.ofSeconds(5))
                .build();
        try (FakeOpenAiServer fake = FakeOpenAiServer.start()) {
            var model = new OpenAiChatModel(
                    new ProviderSettings("openai", "gpt-4o-mini", fake.baseUrl(), "", "", 0), limits.timeout());
            ChatModel limited = new ResilientChatModel(model, limits, Clock.systemUTC(), new Random(1));

            long start = System.nanoTime();
            try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<ChatResult>> results = java.util.stream.IntStream.range(0, calls)
                        .mapToObj(i -> callers.submit(() -> limited.chat(List.of(ChatMessage.user("call " + i)))))
                        .toList();
                for (Future<ChatResult> result : results) {
                    result.get();
                }
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

            List<Long> arrivals = fake.requests().stream()
                    .map(RecordedRequest::receivedNanos)
                    .sorted()
                    .toList();
            double spanSeconds = (arrivals.getLast() - arrivals.getFirst()) / 1e9;
            double observedPerMinute = (calls - 2) / spanSeconds * 60; // minus the first period's burst
            System.out.printf(
                    "rate limit %d/min: %d calls in %d ms, %.1f/min after the first burst%n",
                    perMinute, calls, elapsed.toMillis(), observedPerMinute);
            assertThat(fake.calls()).isEqualTo(calls);
            // 2 at once, then 2 per second: the tenth call waits at least 3 full periods.
            assertThat(spanSeconds).isGreaterThanOrEqualTo(2.95);
            // At most one period's permits beyond the rate, counting the partial first period.
            assertThat(calls).isLessThanOrEqualTo((int) (2 * (spanSeconds + 2)));
            assertThat(elapsed).isLessThan(Duration.ofSeconds(8));
        }
    }
}
