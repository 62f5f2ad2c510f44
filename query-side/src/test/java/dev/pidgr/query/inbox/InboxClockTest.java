package dev.pidgr.query.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class InboxClockTest {

    private static final Instant T = Instant.parse("2026-11-30T08:00:00.000001Z");

    @Test
    void shouldUseTheEventTimeInAnEmptyInbox() {
        assertThat(InboxClock.next(T, null)).isEqualTo(T);
    }

    @Test
    void shouldUseTheEventTimeWhenItIsAfterTheLastChange() {
        assertThat(InboxClock.next(T.plusSeconds(1), T)).isEqualTo(T.plusSeconds(1));
    }

    @Test
    void shouldNudgeATieByOneMicrosecond() {
        assertThat(InboxClock.next(T, T)).isEqualTo(T.plusNanos(1_000));
    }

    @Test
    void shouldNudgePastALaterLastChangeWhenTheEventTimeIsOlder() {
        assertThat(InboxClock.next(T.minusSeconds(5), T)).isEqualTo(T.plusNanos(1_000));
    }

    @Test
    void shouldCutNanosecondsBeforeComparing() {
        assertThat(InboxClock.next(T.plusNanos(999), T)).isEqualTo(T.plusNanos(1_000));
    }
}
