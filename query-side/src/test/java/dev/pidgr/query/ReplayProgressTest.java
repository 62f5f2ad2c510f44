package dev.pidgr.query;

import static org.assertj.core.api.Assertions.assertThat;

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
}
