package dev.pidgr.bench;

import dev.pidgr.bench.ack.AckBench;
import dev.pidgr.bench.dev.ProcessMeter;
import dev.pidgr.bench.fanout.FanOutBench;
import dev.pidgr.bench.fanout.RecordShape;
import dev.pidgr.bench.latency.CommandLatency;
import dev.pidgr.bench.latency.Percentiles;
import dev.pidgr.bench.replay.ReplayBench;
import dev.pidgr.bench.report.Report;
import dev.pidgr.bench.report.Row;
import dev.pidgr.bench.report.Target;
import java.util.LinkedHashMap;
import java.util.Map;

/** Turns each phase's outcome into the table's rows and the JSON's details. */
final class Rows {

    static final Target FAN_OUT = Target.atLeast(0.60);
    static final Target END_TO_END = Target.atLeast(0.40);
    static final Target COMMAND_P99 = Target.atMost(5.0);

    private Rows() {
    }

    static void fanOut(Report report, int n, FanOutBench.Outcome fan, double producerSeconds, double copySeconds) {
        double fanOutSeconds = fan.fanOutSeconds();
        double visibleSeconds = fan.endToEndSeconds();
        report.add(Row.against("fan-out: Start to last NotificationSent committed", "/s", n / fanOutSeconds,
                "plain producer, same-size records", n / producerSeconds, FAN_OUT));
        report.add(Row.against("end to end: Start to every delivery in ListDeliveries", "/s", n / visibleSeconds,
                "COPY of as many rows", n / copySeconds, END_TO_END));
        RecordShape shape = fan.seen().shape();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("recipients", n);
        details.put("campaigns", fan.parts().size());
        details.put("fanOutSeconds", fanOutSeconds);
        details.put("startCallSeconds", seconds(fan.startNanos(), fan.startedNanos()));
        details.put("startToFirstNotificationSeconds", seconds(fan.startNanos(), fan.seen().firstNanos()));
        details.put("firstToLastNotificationSeconds", seconds(fan.seen().firstNanos(), fan.seen().lastNanos()));
        details.put("endToEndSeconds", visibleSeconds);
        details.put("lastNotificationToVisibleSeconds", seconds(fan.seen().lastNanos(), fan.visibleNanos()));
        details.put("recordBytes", Map.of("key", shape.keyBytes(), "value", shape.valueBytes(),
                "headers", shape.headerBytes(), "total", shape.totalBytes()));
        details.put("pushRequests", fan.seen().pushes());
        details.put("pushRequestBytes", fan.seen().pushBytes());
        details.put("bytesPerDelivery", (fan.seen().count() * (double) shape.totalBytes() + fan.seen().pushBytes()) / n);
        details.put("producerBaselineSeconds", producerSeconds);
        details.put("copyBaselineSeconds", copySeconds);
        report.detail("fanOut", details);
    }

    static void latency(Report report, BenchSettings settings, CommandLatency.FixedRate fixedRate, Percentiles saturation,
                        double saturationCalls, Percentiles raw) {
        Percentiles fixed = fixedRate.latencies();
        String atRate = "CreateCampaign at " + settings.rate() + "/s";
        String atSaturation = "CreateCampaign, " + settings.callers() + " callers";
        String baseline = "produce-consume round trip";
        report.add(Row.against(atRate + ", p50", "ms", fixed.p50(), baseline, raw.p50()));
        report.add(Row.against(atRate + ", p99", "ms", fixed.p99(), baseline, raw.p99(), COMMAND_P99));
        report.add(Row.against(atRate + ", p99.9", "ms", fixed.p999(), baseline, raw.p999()));
        report.add(Row.of(atSaturation + ", throughput", "/s", saturationCalls));
        report.add(Row.against(atSaturation + ", p50", "ms", saturation.p50(), baseline, raw.p50()));
        report.add(Row.against(atSaturation + ", p99", "ms", saturation.p99(), baseline, raw.p99()));
        report.add(Row.against(atSaturation + ", p99.9", "ms", saturation.p999(), baseline, raw.p999()));
        report.detail("latency", Map.of("fixedRate", fixed, "fixedRateBreakdown", fixedRate.breakdown(),
                "saturation", saturation, "roundTrip", raw, "saturationCallsPerSecond", saturationCalls));
    }

    static void acks(Report report, int n, AckBench.Outcome acks) {
        double answered = seconds(acks.startNanos(), acks.answeredNanos());
        double counted = seconds(acks.startNanos(), acks.finalNanos());
        report.add(Row.of("acknowledgements: SubmitAction throughput", "/s", acks.calls() / answered));
        report.add(Row.of("acknowledgements: first call to counts final", "s", counted));
        report.detail("acknowledgements", Map.of("calls", acks.calls(), "retries", acks.retries(), "failed", acks.failed(),
                "callsSeconds", answered, "countsFinalSeconds", counted,
                "lastAnswerToCountsFinalSeconds", seconds(acks.answeredNanos(), acks.finalNanos()), "recipients", n));
    }

    static void replay(Report report, ReplayBench.Outcome replay, double copyRowsPerSecond) {
        report.add(Row.against("replay: rebuilding all projections", "/s", replay.rebuildPerSecond(),
                "COPY of delivery rows", copyRowsPerSecond));
        report.add(Row.of("replay: whole, handover and switch included", "/s", replay.events() / replay.seconds()));
        report.detail("replay", replay);
    }

    static void resources(Report report, ProcessMeter.Usage total, double idleCpuPercent) {
        report.add(Row.of("dev process: peak RSS (VmHWM)", "MiB", total.devPeakRssKiB() / 1024.0));
        report.add(Row.of("dev process: CPU, start to end of run", "s", total.devCpuSeconds()));
        report.add(Row.of("dev process: CPU when idle", "% of a core", idleCpuPercent));
        report.add(Row.of("embedded PostgreSQL: CPU", "s", total.postgresCpuSeconds()));
        report.add(Row.of("harness: CPU", "s", total.harnessCpuSeconds()));
    }

    private static double seconds(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1e9;
    }
}
