package dev.hybridrag.core.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridrag.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class VersionClockTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T12:00:00Z"));
    private final VersionClock versions = new VersionClock(clock);

    @Test
    void versionsFollowTheClockWhenNothingNewerIsStored() {
        assertThat(versions.after(0)).isEqualTo(clock.millis());
        clock.advance(Duration.ofSeconds(1));
        assertThat(versions.after(0)).isEqualTo(clock.millis());
    }

    @Test
    void aVersionIsAboveTheStoredOneWhenTheClockIsBehind() {
        long hourAhead = clock.millis() + Duration.ofHours(1).toMillis();

        assertThat(versions.after(hourAhead)).isEqualTo(hourAhead + 1);
    }

    @Test
    void versionsNeverRepeatOrGoBackWhenTheClockStandsStillOrIsSetBack() {
        long first = versions.after(0);
        long second = versions.after(0);
        clock.advance(Duration.ofMinutes(-10));

        assertThat(second).isGreaterThan(first);
        assertThat(versions.after(0)).isGreaterThan(second);
    }
}
