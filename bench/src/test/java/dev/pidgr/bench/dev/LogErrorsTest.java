package dev.pidgr.bench.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LogErrorsTest {

    @Test
    void shouldCountOnlyLinesLoggedAtErrorLevel() {
        List<String> log = List.of(
                "14:33:46.120 WARN  d.p.a.dev.DevCommand - dev mode: an ERROR in the text is not one",
                "14:40:01.002 ERROR k.c.t.TransactionCoordinator - OutOfOrderSequenceException ...",
                "\tat org.apache.kafka.Something(Something.java:1)",
                "14:40:02.100 INFO  d.p.w.WorkflowProcessor - started");

        LogErrors.Found found = LogErrors.in(log);

        assertThat(found.count()).isEqualTo(1);
        assertThat(found.first()).containsExactly(
                "14:40:01.002 ERROR k.c.t.TransactionCoordinator - OutOfOrderSequenceException ...");
    }
}
