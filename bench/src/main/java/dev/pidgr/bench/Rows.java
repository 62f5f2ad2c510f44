package dev.pidgr.bench;

import dev.pidgr.bench.ack.AckBench;
import dev.pidgr.bench.fanout.FanOutBench;
import dev.pidgr.bench.fanout.FanOutRound;
import dev.pidgr.bench.fanout.MillionBench;
import dev.pidgr.bench.fanout.RecordShape;
import dev.pidgr.bench.gateway.GatewayBench;
import dev.pidgr.bench.gateway.GatewayRound;
import dev.pidgr.bench.latency.ClosedLoop;
import dev.pidgr.bench.latency.CommandTrace;
import dev.pidgr.bench.latency.Percentiles;
import dev.pidgr.bench.replay.ReplayBench;
import dev.pidgr.bench.report.Report;
import dev.pidgr.bench.report.Row;
import dev.pidgr.bench.report.Target;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns each phase's outcome into the table's rows and the JSON's details. */
final class Rows {

    static final Target FAN_OUT = Target.atLeast(0.60);
    static final Target END_TO_END = Target.atLeast(0.40);
    static final Target COMMAND_P99 = Target.atMost(5.0);
    /** Issue 13: counts final within 2 s of the last answered acknowledgement. */
    static final Target ACKS_COUNTED = Target.atMost(2.0);
    /** Issue 13: one million deliveries counted as sent within 30 s of the Start calls. */
    static final Target MILLION_COUNTED = Target.atMost(30.0);

    private Rows() {
    }

    /** The rows of the round with the median ratio, each; every round in the details. */
    static void fanOut(Report report, int n, List<FanOutRound> rounds) {
        FanOutRound fanOut = median(rounds, Comparator.comparingDouble(FanOutRound::fanOutRatio));
        FanOutRound endToEnd = median(rounds, Comparator.comparingDouble(FanOutRound::endToEndRatio));
        FanOutRound binary = median(rounds, Comparator.comparingDouble(FanOutRound::endToEndBinaryRatio));
        report.add(Row.against(
                "fan-out: Start to last NotificationSent committed",
                "/s",
                n / fanOut.fan().fanOutSeconds(),
                "plain producer, same-size records",
                n / fanOut.producerSeconds(),
                FAN_OUT));
        report.add(Row.against("end to end: Start to every delivery in ListDeliveries", "/s",
                n / endToEnd.fan().endToEndSeconds(), "COPY of as many rows", n / endToEnd.copySeconds(), END_TO_END));
        report.add(Row.against("end to end, against a binary COPY", "/s", n / binary.fan().endToEndSeconds(),
                "COPY, binary format", n / binary.binaryCopySeconds()));
        report.detail("fanOut", rounds.stream().map(r -> details(n, r)).toList());
    }

    private static Map<String, Object> details(int n, FanOutRound round) {
        FanOutBench.Outcome fan = round.fan();
        RecordShape shape = fan.seen().shape();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("recipients", n);
        details.put("campaigns", fan.parts().size());
        details.put("fanOutSeconds", fan.fanOutSeconds());
        details.put("producerBaselineSeconds", round.producerSeconds());
        details.put("fanOutRatio", round.fanOutRatio());
        details.put("endToEndSeconds", fan.endToEndSeconds());
        details.put("copyBaselineSeconds", round.copySeconds());
        details.put("endToEndRatio", round.endToEndRatio());
        details.put("binaryCopyBaselineSeconds", round.binaryCopySeconds());
        details.put("startCallSeconds", seconds(fan.startNanos(), fan.startedNanos()));
        details.put("startToFirstNotificationSeconds", seconds(fan.startNanos(), fan.seen().firstNanos()));
        details.put("firstToLastNotificationSeconds", seconds(fan.seen().firstNanos(), fan.seen().lastNanos()));
        details.put("lastNotificationToVisibleSeconds", seconds(fan.seen().lastNanos(), fan.visibleNanos()));
        details.put("recordBytes", Map.of("key", shape.keyBytes(), "value", shape.valueBytes(),
                "headers", shape.headerBytes(), "total", shape.totalBytes()));
        details.put("pushRequests", fan.seen().pushes());
        details.put("pushRequestBytes", fan.seen().pushBytes());
        details.put(
                "bytesPerDelivery",
                (fan.seen().count() * (double) shape.totalBytes() + fan.seen().pushBytes()) / n);
        details.put("listedDeliveries", round.listed());
        return details;
    }

    /** COPY rows per second of the median round. */
    static double medianCopyRate(int n, List<FanOutRound> rounds) {
        return n / median(rounds, Comparator.comparingDouble(FanOutRound::copySeconds)).copySeconds();
    }

    private static <T> T median(List<T> items, Comparator<T> order) {
        List<T> sorted = new ArrayList<>(items);
        sorted.sort(order);
        return sorted.get(sorted.size() / 2);
    }

    static void latency(Report report, BenchSettings settings, Percentiles fixed, CommandTrace.Breakdown breakdown,
                        ClosedLoop.Outcome saturationLoop, Percentiles raw) {
        Percentiles saturation = Percentiles.of(saturationLoop.latencies(), saturationLoop.errors());
        String atRate = "CreateCampaign at " + settings.rate() + "/s";
        String atSaturation = "CreateCampaign, " + settings.callers() + " callers";
        String baseline = "produce-consume round trip";
        report.add(Row.against(atRate + ", p50", "ms", fixed.p50(), baseline, raw.p50()));
        report.add(Row.against(atRate + ", p99", "ms", fixed.p99(), baseline, raw.p99(), COMMAND_P99));
        report.add(Row.against(atRate + ", p99.9", "ms", fixed.p999(), baseline, raw.p999()));
        report.add(Row.of(atSaturation + ", throughput", "/s", saturationLoop.calls()));
        report.add(Row.against(atSaturation + ", p50", "ms", saturation.p50(), baseline, raw.p50()));
        report.add(Row.against(atSaturation + ", p99", "ms", saturation.p99(), baseline, raw.p99()));
        report.add(Row.against(atSaturation + ", p99.9", "ms", saturation.p999(), baseline, raw.p999()));
        report.detail("latency", Map.of("fixedRate", fixed, "fixedRateBreakdown", breakdown,
                "saturation", saturation, "roundTrip", raw, "saturationCallsPerSecond", saturationLoop.calls()));
    }

    static void acks(Report report, int n, AckBench.Outcome acks) {
        double answered = seconds(acks.startNanos(), acks.answeredNanos());
        double counted = seconds(acks.startNanos(), acks.finalNanos());
        report.add(Row.of("acknowledgements: SubmitAction throughput", "/s", acks.calls() / answered));
        report.add(Row.of("acknowledgements: first call to counts final", "s", counted));
        report.add(Row.of("acknowledgements: last answer to counts final", "s",
                seconds(acks.answeredNanos(), acks.finalNanos()), ACKS_COUNTED));
        report.detail(
                "acknowledgements",
                Map.of(
                        "calls",
                        acks.calls(),
                        "retries",
                        acks.retries(),
                        "failed",
                        acks.failed(),
                        "callsSeconds",
                        answered,
                        "countsFinalSeconds",
                        counted,
                        "lastAnswerToCountsFinalSeconds",
                        seconds(acks.answeredNanos(), acks.finalNanos()),
                        "recipients",
                        n));
    }

    static void replay(Report report, ReplayBench.Outcome replay, double copyRowsPerSecond) {
        report.add(Row.against("replay: rebuilding all projections", "/s", replay.rebuildPerSecond(),
                "COPY of delivery rows", copyRowsPerSecond));
        report.add(Row.of("replay: whole, handover and switch included", "/s", replay.events() / replay.seconds()));
        report.detail("replay", replay);
    }

    /** The --million phase: Start to the last NotificationSent and to GetCampaign counting all sent. */
    static void million(Report report, int n, MillionBench.Outcome million) {
        String size = String.format(java.util.Locale.ROOT, "%,d recipients", n);
        report.add(Row.of(size + ": Start to last NotificationSent", "s", million.lastNotificationSeconds()));
        report.add(Row.of(size + ": Start to GetCampaign counting all sent", "s", million.countedSeconds(),
                MILLION_COUNTED));
        report.add(Row.of(size + ": counted, deliveries per second", "/s", n / million.countedSeconds()));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("recipients", n);
        details.put("campaigns", million.parts().size());
        details.put("startCallsSeconds", seconds(million.startNanos(), million.startedNanos()));
        details.put("startToFirstNotificationSeconds", seconds(million.startNanos(), million.seen().firstNanos()));
        details.put("startToLastNotificationSeconds", million.lastNotificationSeconds());
        details.put("startToCountedSeconds", million.countedSeconds());
        details.put("lastNotificationToCountedSeconds",
                seconds(million.seen().lastNanos(), million.countedNanos()));
        details.put("notifications", million.seen().count());
        details.put("duplicates", million.seen().duplicates());
        report.detail("million", details);
    }

    /**
     * One channel of the gateway phase: the round with the median ratio; CPU seconds per 1,000 messages of that round
     * (the gateway's: dev and harness, which holds the local FCM server and the receipt watch; the baseline's: dev,
     * which holds GreenMail, and harness).
     */
    static void gateway(Report report, String what, String path, String baseline, int concurrency, int n,
            List<GatewayRound> rounds) {
        GatewayRound median = median(rounds, Comparator.comparingDouble(GatewayRound::ratio));
        String size = String.format(java.util.Locale.ROOT, "%,d %s", n, what);
        report.add(Row.against(size + ": " + path + ", per second (Start to last receipt)", "/s",
                median.gateway().perSecond(), baseline, median.baselinePerSecond()));
        report.add(Row.against(size + ": CPU seconds per 1,000", "s", 1000 * median.gatewayCpuSeconds() / n,
                baseline, 1000 * median.baselineCpuSeconds() / n));
        List<Map<String, Object>> details = new ArrayList<>();
        for (GatewayRound round : rounds) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("gatewayPerSecond", round.gateway().perSecond());
            d.put("baselinePerSecond", round.baselinePerSecond());
            d.put("ratio", round.ratio());
            d.put("gatewayCpuSeconds", round.gatewayCpuSeconds());
            d.put("baselineCpuSeconds", round.baselineCpuSeconds());
            d.put("recipientsWithExactlyOne", round.exactlyOne());
            d.put("countedSent", round.countedSent());
            d.put("receiptsNotAccepted", round.gateway().otherReceipts());
            details.add(d);
        }
        report.detail("gateway " + what, Map.of("recipients", n, "concurrency", concurrency, "rounds", details));
    }

    static double seconds(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1e9;
    }
}
