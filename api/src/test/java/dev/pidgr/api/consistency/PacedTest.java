package dev.pidgr.api.consistency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pidgr.api.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A waiter woken every millisecond for 5 s evaluates its condition on a growing pace: 20, 40, 80, 160, then every 200
 * ms.
 */
class PacedTest {

    @Test
    void shouldEvaluateAtAGrowingPaceHoweverOftenItIsAsked() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
        Instant start = clock.instant();
        List<Long> evaluatedAt = new ArrayList<>();
        Paced paced = new Paced(() -> {
            evaluatedAt.add(Duration.between(start, clock.instant()).toMillis());
            return false;
        }, clock, start);

        for (int ms = 0; ms < 5_000; ms++) {
            assertThat(paced.getAsBoolean()).isFalse();
            clock.advance(Duration.ofMillis(1));
        }

        assertThat(evaluatedAt).startsWith(20L, 60L, 140L, 300L, 500L, 700L);
        assertThat(evaluatedAt).hasSize(27);
    }

    @Test
    void shouldAnswerWhatTheConditionSaysWhenItIsEvaluated() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
        Paced paced = new Paced(() -> true, clock, clock.instant());

        assertThat(paced.getAsBoolean()).as("within the first pause").isFalse();
        clock.advance(Duration.ofMillis(20));
        assertThat(paced.getAsBoolean()).isTrue();
    }
}
