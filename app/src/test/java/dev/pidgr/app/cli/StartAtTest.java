package dev.pidgr.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class StartAtTest {

    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    @Test
    void shouldReadATimeFromNowInSecondsMinutesHoursAndDaysWithTwoSecondsForTheCall() {
        assertThat(StartAt.parse("+90s", NOW)).isEqualTo(Instant.parse("2026-12-04T12:01:32Z"));
        assertThat(StartAt.parse("+10m", NOW)).isEqualTo(Instant.parse("2026-12-04T12:10:02Z"));
        assertThat(StartAt.parse("+2h", NOW)).isEqualTo(Instant.parse("2026-12-04T14:00:02Z"));
        assertThat(StartAt.parse("+1d", NOW)).isEqualTo(Instant.parse("2026-12-05T12:00:02Z"));
    }

    @Test
    void shouldKeepOneMinuteFromNowAMinuteAheadWhenTheCallArrivesHalfASecondLater() {
        Instant now = Instant.parse("2026-12-04T17:36:20.140Z");

        Instant at = StartAt.parse("+1m", now);

        assertThat(at).isEqualTo(Instant.parse("2026-12-04T17:37:22Z"));
        assertThat(at).isAfter(now.plusMillis(500).plusSeconds(60));
    }

    @Test
    void shouldReadAnIsoDurationFromNowAndAnIsoInstant() {
        assertThat(StartAt.parse("+PT1H30M", NOW)).isEqualTo(Instant.parse("2026-12-04T13:30:02Z"));
        assertThat(StartAt.parse("2026-12-24T08:00:00Z", NOW)).isEqualTo(Instant.parse("2026-12-24T08:00:00Z"));
    }

    @Test
    void shouldSayWhatItAcceptsWhenItCannotReadTheTime() {
        assertThatThrownBy(() -> StartAt.parse("tomorrow", NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ISO-8601 instant").hasMessageContaining("'tomorrow'");
    }
}
