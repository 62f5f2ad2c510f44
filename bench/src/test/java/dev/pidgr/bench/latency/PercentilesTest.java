package dev.pidgr.bench.latency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void shouldReadMillisecondsFromAHistogramOfMicroseconds() {
        Histogram micros = Percentiles.newHistogram();
        for (int i = 1; i <= 1000; i++) {
            micros.recordValue(i * 1_000L); // 1 ms .. 1000 ms
        }

        Percentiles percentiles = Percentiles.of(micros, 3);

        assertThat(percentiles.count()).isEqualTo(1000);
        assertThat(percentiles.errors()).isEqualTo(3);
        assertThat(percentiles.p50()).isCloseTo(500, within(1.0));
        assertThat(percentiles.p99()).isCloseTo(990, within(1.0));
        assertThat(percentiles.p999()).isCloseTo(999, within(1.0));
        assertThat(percentiles.max()).isCloseTo(1000, within(1.0));
        assertThat(percentiles.mean()).isCloseTo(500.5, within(0.5));
    }
}
