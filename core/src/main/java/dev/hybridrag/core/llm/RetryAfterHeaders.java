package dev.hybridrag.core.llm;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a provider asked us to wait, read from a 429 or 5xx response: {@code retry-after-ms} (Azure, OpenAI),
 * {@code Retry-After} in seconds or as an HTTP-date, else OpenAI's {@code x-ratelimit-reset-requests} ("6m0s").
 */
final class RetryAfterHeaders {

    private static final Pattern GO_DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|h|m|s)");

    private RetryAfterHeaders() {}

    static Optional<Duration> parse(HttpHeaders headers, Clock clock) {
        return headers.firstValue("retry-after-ms")
                .flatMap(value -> seconds(value, 1e-3))
                .or(() -> headers.firstValue("retry-after").flatMap(value -> secondsOrDate(value, clock)))
                .or(() -> headers.firstValue("x-ratelimit-reset-requests").flatMap(RetryAfterHeaders::goDuration));
    }

    private static Optional<Duration> secondsOrDate(String value, Clock clock) {
        Optional<Duration> seconds = seconds(value, 1);
        if (seconds.isPresent()) {
            return seconds;
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration until = Duration.between(clock.instant(), at.toInstant());
            return Optional.of(until.isNegative() ? Duration.ZERO : until);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<Duration> seconds(String value, double unitSeconds) {
        try {
            double amount = Double.parseDouble(value.trim()) * unitSeconds;
            if (!(amount >= 0) || Double.isInfinite(amount)) {
                return Optional.empty();
            }
            return Optional.of(Duration.ofNanos(Math.round(Math.min(amount, 86_400 * 365) * 1e9)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Go's duration format, as OpenAI sends it: "1s", "250ms", "6m0s", "1h2m3.5s". */
    private static Optional<Duration> goDuration(String value) {
        String text = value.trim();
        Matcher part = GO_DURATION_PART.matcher(text);
        double totalSeconds = 0;
        int end = 0;
        while (part.find() && part.start() == end) {
            double amount = Double.parseDouble(part.group(1));
            totalSeconds += switch (part.group(2)) {
                case "h" -> amount * 3600;
                case "m" -> amount * 60;
                case "ms" -> amount / 1000;
                default -> amount;
            };
            end = part.end();
        }
        return end == text.length() && end > 0 ? seconds(Double.toString(totalSeconds), 1) : Optional.empty();
    }
}
