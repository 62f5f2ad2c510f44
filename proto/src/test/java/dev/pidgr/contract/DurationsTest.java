package dev.pidgr.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void shouldParseGoDurations() {
        assertThat(Durations.parseGo("72h")).contains(Duration.ofHours(72));
        assertThat(Durations.parseGo("1h30m")).contains(Duration.ofMinutes(90));
        assertThat(Durations.parseGo("1.5h")).contains(Duration.ofMinutes(90));
        assertThat(Durations.parseGo("90s")).contains(Duration.ofSeconds(90));
    }

    @Test
    void shouldRejectMalformedGoDurations() {
        assertThat(Durations.parseGo("72")).isEmpty();
        assertThat(Durations.parseGo("h")).isEmpty();
        assertThat(Durations.parseGo("3d")).isEmpty();
        assertThat(Durations.parseGo("")).isEmpty();
    }

    @Test
    void shouldParseOnlyTimeBasedIsoDurations() {
        assertThat(Durations.parseIso("PT1M")).contains(Duration.ofMinutes(1));
        assertThat(Durations.parseIso("PT168H")).contains(Duration.ofHours(168));
        assertThat(Durations.parseIso("PT1H30M")).contains(Duration.ofMinutes(90));
        assertThat(Durations.parseIso("P1D")).isEmpty();
        assertThat(Durations.parseIso("PT")).isEmpty();
        assertThat(Durations.parseIso("1h")).isEmpty();
    }

    @Test
    void rangesIncludeTheirBounds() {
        assertThat(Durations.within(Duration.ofMinutes(1), Durations.DEADLINE_MIN, Durations.DEADLINE_MAX)).isTrue();
        assertThat(Durations.within(Duration.ofSeconds(59), Durations.DEADLINE_MIN, Durations.DEADLINE_MAX)).isFalse();
        assertThat(Durations.within(Duration.ofHours(169), Durations.REMINDER_MIN, Durations.REMINDER_MAX)).isFalse();
    }
}
