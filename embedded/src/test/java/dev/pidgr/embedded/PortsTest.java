package dev.pidgr.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PortsTest {

    @Test
    void shouldPickDistinctPortsInOneCall() {
        int[] ports = Ports.free(64);

        assertThat(Arrays.stream(ports).distinct().count()).isEqualTo(64);
        assertThat(Arrays.stream(ports).allMatch(p -> p > 0 && p < 65_536)).isTrue();
    }

    @Test
    void shouldNeverPickATakenPort() {
        int[] taken = Ports.free(8);

        int[] more = Ports.free(64, taken);

        assertThat(more).hasSize(64).doesNotContain(taken);
    }
}
