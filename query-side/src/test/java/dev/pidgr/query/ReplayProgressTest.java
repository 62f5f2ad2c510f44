package dev.pidgr.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pidgr.query.replay.ProgressMeter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReplayProgressTest {

    @Test
    void shouldDescribeProgressOnOneLine() {
        var progress = new ReplayListener.Progress(ReplayListener.Phase.REBUILDING, 412_000, 1_050_000, 9_800.4,
                Duration.ofSeconds(65));

        assertThat(progress.describe())
                .isEqualTo("rebuilding             412,000 / 1,050,000 events  9,800 events/s  ~1m05s left");
    }

    @Test
    void shouldLeaveOutTheTimeLeftWhenDone() {
        var progress = new ReplayListener.Progress(ReplayListener.Phase.SWITCHED, 10, 10, 5, Duration.ZERO);

        assertThat(progress.describe()).isEqualTo("switched               10 / 10 events  5 events/s");
    }

    @Test
    void shouldEstimateTheTimeLeftFromTheRateSoFar() {
        assertThat(ProgressMeter.remaining(50_000, 100_000, 10_000)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void shouldGiveNoEstimateBeforeOnePercentIsDone() {
        assertThat(ProgressMeter.remaining(2, 100_143, 1.9)).isEqualTo(Duration.ZERO);
        assertThat(ProgressMeter.remaining(1_001, 100_143, 1_001)).isEqualTo(Duration.ofMillis(99_042));
    }

    @Test
    void shouldGiveNoEstimateWhenDone() {
        assertThat(ProgressMeter.remaining(100, 100, 50)).isEqualTo(Duration.ZERO);
    }
}
