package dev.pidgr.bench.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProcStatTest {

    // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime ...
    private static final String STAT =
            "4242 (java (main) x) S 17 4242 4242 0 -1 4194560 5000 0 3 0 1234 321 77 23 20 0 60 0";

    @Test
    void shouldReadTheParentPidAfterACommandNameWithSpacesAndParentheses() {
        assertThat(ProcStat.parentPid(STAT)).isEqualTo(17);
    }

    @Test
    void shouldReadTheCommandNameWithItsSpacesAndParentheses() {
        assertThat(ProcStat.name(STAT)).isEqualTo("java (main) x");
    }

    @Test
    void shouldAddUserAndSystemTicks() {
        assertThat(ProcStat.ownTicks(STAT)).isEqualTo(1234 + 321);
    }

    @Test
    void shouldAddTheTicksOfReapedChildren() {
        assertThat(ProcStat.reapedChildrenTicks(STAT)).isEqualTo(77 + 23);
    }

    @Test
    void shouldRefuseALineWithoutACommandName() {
        assertThatThrownBy(() -> ProcStat.ownTicks("4242 S 17")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldReadThePeakResidentSetInKibibytes() {
        String status = "Name:\tjava\nVmPeak:\t 9000000 kB\nVmHWM:\t  663008 kB\nVmRSS:\t  600000 kB\n";

        assertThat(ProcStat.statusKiB(status, "VmHWM")).hasValue(663_008);
        assertThat(ProcStat.statusKiB(status, "VmSwap")).isEmpty();
    }
}
