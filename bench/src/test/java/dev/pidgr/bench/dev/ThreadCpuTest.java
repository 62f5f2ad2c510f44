package dev.pidgr.bench.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ThreadCpuTest {

    @Test
    void shouldGroupThreadsByNameWithDigitsFoldedMostCpuFirst() {
        Map<Long, Map.Entry<String, Long>> before = Map.of(
                1L, Map.entry("StreamThread-1", 100L), 2L, Map.entry("StreamThread-2", 50L),
                3L, Map.entry("housekeeper", 7L));
        Map<Long, Map.Entry<String, Long>> after = Map.of(
                1L, Map.entry("StreamThread-1", 130L), 2L, Map.entry("StreamThread-2", 60L),
                3L, Map.entry("housekeeper", 7L), 4L, Map.entry("broker-io-0", 20L));

        assertThat(ThreadCpu.used(before, after, 100)).containsExactly(
                new ThreadCpu.Group("StreamThread-N", 0.40), new ThreadCpu.Group("broker-io-N", 0.20));
    }
}
