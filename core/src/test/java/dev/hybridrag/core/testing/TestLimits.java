package dev.hybridrag.core.testing;

import dev.hybridrag.core.llm.CallLimits;
import java.time.Duration;

/**
 * Call limits for tests against the fake LLM, one base that each test changes only where its point lies
 * ({@code TestLimits.QUICK.toBuilder().maxAttempts(1).build()}), so the values that matter stand out.
 */
public final class TestLimits {

    /** Three attempts 10 to 50 ms apart, four calls at once, 10 s each: a failure shows quickly. */
    public static final CallLimits QUICK = CallLimits.builder()
            .maxAttempts(3)
            .backoff(Duration.ofMillis(10), Duration.ofMillis(50))
            .maxConcurrentCalls(4)
            .timeout(Duration.ofSeconds(10))
            .build();

    private TestLimits() {}
}
