package dev.pidgr.contract.poll;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class IdlePollTest {

    private static final Duration STREAMS_POLL = Duration.ofMillis(5);
    private static final IdlePoll RULE = new IdlePoll(Duration.ofMillis(100), Duration.ofSeconds(1));

    @Test
    void shouldKeepTheShortPollWhileTheThreadWorkedWithinTheWindow() {
        assertThat(RULE.timeout(STREAMS_POLL, Duration.ofMillis(999).toNanos())).isEqualTo(STREAMS_POLL);
    }

    @Test
    void shouldBlockForTheIdlePollOnceTheThreadIsQuietForTheWindow() {
        assertThat(RULE.timeout(STREAMS_POLL, Duration.ofSeconds(1).toNanos())).isEqualTo(Duration.ofMillis(100));
        assertThat(RULE.timeout(STREAMS_POLL, Long.MAX_VALUE)).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void shouldKeepAZeroPollWhichStreamsAsksForWhileItRebalances() {
        assertThat(RULE.timeout(Duration.ZERO, Long.MAX_VALUE)).isEqualTo(Duration.ZERO);
    }

    @Test
    void shouldNeverShortenAPollLongerThanTheIdleOne() {
        assertThat(RULE.timeout(Duration.ofMillis(500), Long.MAX_VALUE)).isEqualTo(Duration.ofMillis(500));
    }
}
