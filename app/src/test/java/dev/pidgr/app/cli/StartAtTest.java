package dev.pidgr.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class StartAtTest {

    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    @Test
    void shouldReadATimeFromNowInSecondsMinutesHoursAndDays() {
        assertThat(StartAt.parse("+90s", NOW)).isEqualTo(Instant.parse("2026-12-04T12:01:30Z"));
        assertThat(StartAt.parse("+10m", NOW)).isEqualTo(Instant.parse("2026-12-04T12:10:00Z"));
        assertThat(StartAt.parse("+2h", NOW)).isEqualTo(Instant.parse("2026-12-04T14:00:00Z"));
        assertThat(StartAt.parse("+1d", NOW)).isEqualTo(Instant.parse("2026-12-05T12:00:00Z"));
    }

    @Test
    void shouldReadAnIsoDurationFromNowAndAnIsoInstant() {
        assertThat(StartAt.parse("+PT1H30M", NOW)).isEqualTo(Instant.parse("2026-12-04T13:30:00Z"));
        assertThat(StartAt.parse("2026-12-24T08:00:00Z", NOW)).isEqualTo(Instant.parse("2026-12-24T08:00:00Z"));
    }

    @Test
    void shouldSayWhatItAcceptsWhenItCannotReadTheTime() {
        assertThatThrownBy(() -> StartAt.parse("tomorrow", NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ISO-8601 instant").hasMessageContaining("'tomorrow'");
    }
}
