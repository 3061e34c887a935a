package dev.hybridrag.core.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetryAfterHeadersTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-02T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void secondsAndFractions() {
        assertThat(parse("Retry-After", "20")).contains(Duration.ofSeconds(20));
        assertThat(parse("retry-after", "1.5")).contains(Duration.ofMillis(1500));
        assertThat(parse("Retry-After", "0")).contains(Duration.ZERO);
    }

    @Test
    void httpDateIsCountedFromTheClock() {
        assertThat(parse("Retry-After", "Mon, 02 Nov 2026 10:00:30 GMT")).contains(Duration.ofSeconds(30));
        assertThat(parse("Retry-After", "Mon, 02 Nov 2026 09:59:00 GMT")).contains(Duration.ZERO);
    }

    @Test
    void millisecondsWinOverSeconds() {
        HttpHeaders headers = HttpHeaders.of(
                Map.of("retry-after-ms", List.of("250"), "retry-after", List.of("1")), (name, value) -> true);
        assertThat(RetryAfterHeaders.parse(headers, clock)).contains(Duration.ofMillis(250));
    }

    @Test
    void openAiResetDurations() {
        assertThat(parse("x-ratelimit-reset-requests", "6m0s")).contains(Duration.ofMinutes(6));
        assertThat(parse("x-ratelimit-reset-requests", "1h2m3.5s")).contains(Duration.ofMillis(3_723_500));
        assertThat(parse("x-ratelimit-reset-requests", "20ms")).contains(Duration.ofMillis(20));
    }

    @Test
    void garbageIsIgnored() {
        assertThat(parse("Retry-After", "soon")).isEmpty();
        assertThat(parse("Retry-After", "-3")).isEmpty();
        assertThat(parse("x-ratelimit-reset-requests", "6 minutes")).isEmpty();
        assertThat(parse("Content-Type", "application/json")).isEmpty();
    }

    private java.util.Optional<Duration> parse(String name, String value) {
        return RetryAfterHeaders.parse(HttpHeaders.of(Map.of(name, List.of(value)), (n, v) -> true), clock);
    }
}
