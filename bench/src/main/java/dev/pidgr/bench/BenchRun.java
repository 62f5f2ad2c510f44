package dev.pidgr.bench;

import dev.pidgr.bench.ack.AckBench;
import dev.pidgr.bench.client.Campaigns;
import dev.pidgr.bench.client.Pidgr;
import dev.pidgr.bench.copy.CopyBaseline;
import dev.pidgr.bench.dev.DevEndpoints;
import dev.pidgr.bench.dev.DevServer;
import dev.pidgr.bench.dev.ProcessMeter;
import dev.pidgr.bench.dev.Profiler;
import dev.pidgr.bench.fanout.FanOutBench;
import dev.pidgr.bench.fanout.ProducerBaseline;
import dev.pidgr.bench.kafka.BrokerAdmin;
import dev.pidgr.bench.latency.ClosedLoop;
import dev.pidgr.bench.latency.CommandLatency;
import dev.pidgr.bench.latency.CommandTrace;
import dev.pidgr.bench.latency.Percentiles;
import dev.pidgr.bench.latency.RoundTripBaseline;
import dev.pidgr.bench.replay.ReplayBench;
import dev.pidgr.bench.report.Report;
import dev.pidgr.contract.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One run: start the dev server, measure each phase next to its baseline, report, stop it. */
final class BenchRun {

    private static final int WARM_UP_CALLS = 200;
    private static final int WARM_UP_RECIPIENTS = 20_000;
    private static final String IDLE = "idle";
    private static final int IDLE_SECONDS = 10;
    private static final int IDLE_SETTLE_SECONDS = 5;

    private final BenchSettings settings;
    private final Report report = new Report();
    private final List<String> failedChecks = new ArrayList<>();
    private double copySeconds;
    private double idleCpuPercent;

    BenchRun(BenchSettings settings) {
        this.settings = settings;
    }

    int run() throws Exception {
        Machine.describe(report, settings);
        Path dataDir = settings.runDir().resolve("data");
        Files.createDirectories(settings.runDir());
        System.out.printf("starting ./pidgr dev (data %s, log %s) ...%n", dataDir, settings.runDir().resolve("dev.log"));
        ProcessMeter.Usage total;
        try (DevServer dev = DevServer.start(settings.root(), dataDir, settings.runDir().resolve("dev.log"), null)) {
            ProcessMeter meter = new ProcessMeter(dev.pid(), dev.postmasterPid());
            PhaseMeter phases = new PhaseMeter(meter, new Profiler(dev.pid(), settings.runDir(), settings.profile()));
            measure(dev, phases);
            total = meter.sample();
            report.fact("loadAverageAtEnd", Machine.loadAverage());
            report.detail("phases", phases.phases());
        }
        if (!settings.keepData()) {
            DataFolders.delete(dataDir);
        }
        Rows.resources(report, total, idleCpuPercent);
        report.detail("checks", failedChecks.isEmpty() ? List.of("all passed") : failedChecks);
        System.out.println();
        report.print(System.out);
        failedChecks.forEach(c -> System.out.println("CHECK FAILED: " + c));
        report.writeJson(settings.json());
        System.out.println("results: " + settings.json());
        return failedChecks.isEmpty() ? 0 : 1;
    }

    private void measure(DevServer dev, PhaseMeter phases) throws Exception {
        DevEndpoints endpoints = dev.endpoints();
        Topics topics = Topics.withNamespace(endpoints.namespace());
        try (Pidgr api = new Pidgr(endpoints.grpc(), dev.tokenSecret(), dev.organization());
             BrokerAdmin admin = new BrokerAdmin(endpoints.kafka())) {
            String templateId = api.templates(Duration.ofSeconds(30)).createTemplate(Campaigns.template()).getTemplate().getId();
            List<FanOutBench.Part> parts = fanOut(dev, phases, api, admin, topics, templateId);
            latency(phases, api, admin, endpoints.kafka(), topics, templateId);
            AckBench acks = new AckBench(api);
            List<String> tokens = acks.tokens(parts);
            AckBench.Outcome acked = phases.measure("acknowledgements", () -> acks.run(parts, tokens, settings.ackCallers()));
            if (acked.failed() > 0) {
                failedChecks.add(acked.failed() + " acknowledgements failed");
            }
            Rows.acks(report, settings.recipients(), acked);
            ReplayBench.Outcome replay = phases.measure("replay", () -> ReplayBench.run(endpoints));
            Rows.replay(report, replay, settings.recipients() / copySeconds);
            idle(phases);
        }
    }

    /** A warm-up campaign (not measured: the JVM is cold), the measured one, and the two baselines. */
    private List<FanOutBench.Part> fanOut(DevServer dev, PhaseMeter phases, Pidgr api, BrokerAdmin admin, Topics topics,
                                          String templateId) throws Exception {
        DevEndpoints endpoints = dev.endpoints();
        int n = settings.recipients();
        FanOutBench bench = new FanOutBench(api, admin, endpoints.kafka(), topics);
        int warmUp = Math.min(n, WARM_UP_RECIPIENTS);
        FanOutBench.Outcome cold = phases.measure("warm-up fan-out", () -> bench.run(bench.prepare(templateId, warmUp), warmUp));
        report.detail("warmUpFanOut", Map.of("recipients", warmUp, "fanOutSeconds", cold.fanOutSeconds(),
                "endToEndSeconds", cold.endToEndSeconds()));
        List<FanOutBench.Part> parts = phases.measure("create campaigns", () -> bench.prepare(templateId, n));
        FanOutBench.Outcome fan = phases.measure("fan-out", () -> bench.run(parts, n));
        long listed = phases.measure("list every delivery", () -> bench.list(parts));
        check(fan, listed);
        int partitions = admin.partitions(topics.deliveryEvents().name());
        double producer = phases.measure("producer baseline",
                () -> ProducerBaseline.run(endpoints.kafka(), admin, partitions, n, fan.seen().shape()));
        copySeconds = phases.measure("COPY baseline", () -> CopyBaseline.run(endpoints.jdbcUrl(), endpoints.jdbcUser(),
                endpoints.jdbcPassword(), dev.organization(), fan.seen().messages(), n));
        Rows.fanOut(report, n, fan, producer, copySeconds);
        return parts;
    }

    /** The dev server doing nothing for a while, its work done and its code compiled: what it costs to keep it running. */
    private void idle(PhaseMeter phases) throws Exception {
        Thread.sleep(IDLE_SETTLE_SECONDS * 1000L); // the live projector takes over again after the replay
        phases.measure(IDLE, () -> {
            Thread.sleep(IDLE_SECONDS * 1000L);
            return null;
        });
        idleCpuPercent = 100 * phases.phases().get(IDLE).devCpuSeconds() / phases.phases().get(IDLE).wallSeconds();
    }

    private void latency(PhaseMeter phases, Pidgr api, BrokerAdmin admin, String kafka, Topics topics, String templateId)
            throws Exception {
        CommandLatency latency = new CommandLatency(api, templateId);
        phases.measure("latency warm-up", () -> {
            latency.warmUp(WARM_UP_CALLS);
            return null;
        });
        CommandLatency.FixedRate fixed;
        try (CommandTrace trace = new CommandTrace(kafka, topics.campaignCommands().name(), topics.commandResults().name())) {
            fixed = phases.measure("fixed rate", () -> latency.fixedRate(settings.fixedRateCalls(), settings.rate(), trace));
        }
        ClosedLoop.Outcome saturation = phases.measure("saturation",
                () -> latency.saturation(settings.callers(), Duration.ofSeconds(settings.latencySeconds())));
        Percentiles raw = phases.measure("round-trip baseline",
                () -> RoundTripBaseline.run(kafka, admin, settings.fixedRateCalls(), settings.rate()));
        Rows.latency(report, settings, fixed, Percentiles.of(saturation.latencies(), saturation.errors()), saturation.calls(), raw);
    }

    private void check(FanOutBench.Outcome fan, long listed) {
        long n = settings.recipients();
        if (fan.seen().count() != n || fan.seen().duplicates() != 0) {
            failedChecks.add("notifications: " + fan.seen().count() + " for " + n + " recipients, "
                    + fan.seen().duplicates() + " duplicates");
        }
        if (listed != n) {
            failedChecks.add("ListDeliveries listed " + listed + " distinct deliveries for " + n + " recipients");
        }
    }
}
