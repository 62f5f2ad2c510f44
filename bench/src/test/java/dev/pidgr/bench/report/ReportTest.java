package dev.pidgr.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

    @Test
    void shouldMeetAnAtLeastTargetAtItsBound() {
        assertThat(Target.atLeast(0.6).metBy(0.6)).isTrue();
        assertThat(Target.atLeast(0.6).metBy(0.59)).isFalse();
        assertThat(Target.atMost(5).metBy(5.01)).isFalse();
        assertThat(Target.atMost(5)).hasToString("<= 5.00");
    }

    @Test
    void shouldRateAValueAgainstItsBaseline() {
        Row row = Row.against("fan-out", "/s", 30_000, "producer", 50_000, Target.atLeast(0.6));

        assertThat(row.ratio()).isEqualTo(0.6);
        assertThat(row.met()).isTrue();
        assertThat(row.target()).isEqualTo(">= 0.60");
    }

    @Test
    void shouldLeaveTheRatioOutAgainstAZeroBaseline() {
        Row row = Row.against("x", "/s", 1, "nothing", 0, Target.atLeast(0.6));

        assertThat(row.ratio()).isNull();
        assertThat(row.met()).isNull();
    }

    @Test
    void shouldPrintOneAlignedTable() {
        Report report = new Report();
        report.add(Row.against("fan-out", "/s", 30_000, "producer", 60_000, Target.atLeast(0.6)));
        report.add(Row.of("peak RSS", "MiB", 812.4));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        report.print(new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(out.toString(StandardCharsets.UTF_8).split("\n")).containsExactly(
                "metric    value      baseline              ratio  target   met",
                "--------  ---------  --------------------  -----  -------  ---",
                "fan-out   30,000 /s  60,000 /s (producer)  0.50   >= 0.60  NO",
                "peak RSS  812 MiB");
        assertThat(report.targetsMet()).isFalse();
    }

    @Test
    void shouldMeetAnAbsoluteTargetOnTheValueItself() {
        Row idle = Row.of("idle: dev process CPU", "% of a core", 4.2, Target.atMost(5));
        Row million = Row.of("Start to counted", "s", 49.3, Target.atMost(30));

        assertThat(idle.met()).isTrue();
        assertThat(idle.ratio()).isNull();
        assertThat(million.met()).isFalse();
        assertThat(million.target()).isEqualTo("<= 30.00");
        assertThat(Report.format(4.24, "% of a core")).isEqualTo("4.2 % of a core");
    }

    @Test
    void shouldFormatTimesWithDecimals() {
        assertThat(Report.format(4.256, "ms")).isEqualTo("4.26 ms");
        assertThat(Report.format(144.56, "ms")).isEqualTo("144.6 ms");
        assertThat(Report.format(23.594, "s")).isEqualTo("23.59 s");
    }

    @Test
    void shouldWriteFactsRowsAndDetailsAsJson(@TempDir Path dir) throws Exception {
        Report report = new Report();
        report.fact("cores", 2);
        report.add(Row.against("p99", "ms", 40, "round trip", 10, Target.atMost(5)));
        report.detail("fanOut", java.util.Map.of("recipients", 100_000));
        Path file = dir.resolve("results/run.json");

        report.writeJson(file);

        JsonNode json = new ObjectMapper().readTree(Files.readString(file));
        assertThat(json.at("/run/cores").asInt()).isEqualTo(2);
        assertThat(json.at("/results/0/metric").asText()).isEqualTo("p99");
        assertThat(json.at("/results/0/ratio").asDouble()).isEqualTo(4.0);
        assertThat(json.at("/results/0/met").asBoolean()).isTrue();
        assertThat(json.at("/details/fanOut/recipients").asInt()).isEqualTo(100_000);
    }
}
