package dev.pidgr.bench;

import dev.pidgr.bench.ack.AckBench;
import dev.pidgr.bench.client.Campaigns;
import dev.pidgr.bench.client.Pidgr;
import dev.pidgr.bench.copy.CopyBaseline;
import dev.pidgr.bench.dev.DevEndpoints;
import dev.pidgr.bench.dev.DevServer;
import dev.pidgr.bench.dev.LogErrors;
import dev.pidgr.bench.dev.ProcessMeter;
import dev.pidgr.bench.dev.Profiler;
import dev.pidgr.bench.dev.ThreadCpu;
import dev.pidgr.bench.fanout.FanOutBench;
import dev.pidgr.bench.fanout.FanOutRound;
import dev.pidgr.bench.fanout.MillionBench;
import dev.pidgr.bench.fanout.NotificationWatch;
import dev.pidgr.bench.fanout.ProducerBaseline;
import dev.pidgr.bench.gateway.GatewayBench;
import dev.pidgr.bench.gateway.GatewayRound;
import dev.pidgr.bench.gateway.LocalApns;
import dev.pidgr.bench.gateway.LocalFcm;
import dev.pidgr.bench.kafka.BrokerAdmin;
import dev.pidgr.bench.latency.ClosedLoop;
import dev.pidgr.bench.latency.CommandLatency;
import dev.pidgr.bench.latency.CommandTrace;
import dev.pidgr.bench.latency.Latencies;
import dev.pidgr.bench.latency.RoundTripBaseline;
import dev.pidgr.bench.replay.ReplayBench;
import dev.pidgr.bench.report.Report;
import dev.pidgr.contract.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One run: start the dev server, measure each phase next to its baseline, report, stop it. */
final class BenchRun {

    private static final int WARM_UP_CALLS = 200;
    private static final int WARM_UP_RECIPIENTS = 20_000;
    private static final int GATEWAY_WARM_UP = 200;
    private static final int IDLE_SETTLE_SECONDS = 5;
    private static final int IDLE_THREADS_SHOWN = 12;

    private final BenchSettings settings;
    private final Report report = new Report();
    private final List<String> failedChecks = new ArrayList<>();
    private PhaseMeter phases;
    private Pidgr api;
    private BrokerAdmin admin;
    private DevServer dev;
    private Topics topics;
    /** The --gateway phase's local FCM and APNs servers, started before dev. */
    private LocalFcm fcm;
    private LocalApns apns;

    BenchRun(BenchSettings settings) {
        this.settings = settings;
    }

    int run() throws Exception {
        Machine.describe(report, settings);
        Path dataDir = settings.runDir().resolve("data");
        Files.createDirectories(settings.runDir());
        System.out.printf(
                "starting ./pidgr dev (data %s, log %s) ...%n",
                dataDir, settings.runDir().resolve("dev.log"));
        try (LocalFcm localFcm = settings.gateway() ? LocalFcm.start(settings.runDir()) : null;
             LocalApns localApns = settings.gateway() ? LocalApns.start(settings.runDir()) : null;
             DevServer server = DevServer.start(settings.root(), dataDir, settings.runDir().resolve("dev.log"), null,
                     providerVariables(localFcm, localApns))) {
            dev = server;
            fcm = localFcm;
            apns = localApns;
            ProcessMeter meter = new ProcessMeter(dev.pid(), dev.postmasterPid());
            phases = new PhaseMeter(meter, new Profiler(dev.pid(), settings.runDir(), settings.profile()));
            withClients(settings.million() ? this::million : settings.gateway() ? this::gateway : this::standard);
            idle(meter);
            ProcessMeter.Usage total = meter.sample();
            report.fact("loadAverageAtEnd", Machine.loadAverage());
            ResourceRows.resources(report, total);
            ResourceRows.logErrors(report, LogErrors.in(dev.log()));
            report.detail("phases", phases.phases());
        }
        if (!settings.keepData()) {
            DataFolders.delete(dataDir);
        }
        report.detail("checks", failedChecks.isEmpty() ? List.of("all passed") : failedChecks);
        System.out.println();
        report.print(System.out);
        failedChecks.forEach(c -> System.out.println("CHECK FAILED: " + c));
        report.writeJson(settings.json());
        System.out.println("results: " + settings.json());
        return failedChecks.isEmpty() ? 0 : 1;
    }

    /** The variables pointing dev's gateway at the local push providers (none outside the gateway phase). */
    private static Map<String, String> providerVariables(LocalFcm fcm, LocalApns apns) {
        Map<String, String> variables = new HashMap<>();
        if (fcm != null) {
            variables.putAll(fcm.devVariables());
        }
        if (apns != null) {
            variables.putAll(apns.devVariables());
        }
        return variables;
    }

    /** The phases, given the API client and the broker's admin, and the template they send. */
    private interface Phases {
        void run(String templateId) throws Exception;
    }

    private void withClients(Phases measured) throws Exception {
        DevEndpoints endpoints = dev.endpoints();
        topics = Topics.withNamespace(endpoints.namespace());
        try (Pidgr client = new Pidgr(endpoints.grpc(), dev.tokenSecret(), dev.organization());
             BrokerAdmin brokerAdmin = new BrokerAdmin(endpoints.kafka())) {
            api = client;
            admin = brokerAdmin;
            measured.run(api.templates(Duration.ofSeconds(30)).createTemplate(Campaigns.template())
                    .getTemplate().getId());
        }
    }

    private void standard(String templateId) throws Exception {
        List<FanOutRound> rounds = fanOut(templateId);
        latency(templateId);
        acknowledgements(rounds.getFirst().fan().parts());
        ReplayBench.Outcome replay = phases.measure("replay", () -> ReplayBench.run(dev.endpoints()));
        Rows.replay(report, replay, Rows.medianCopyRate(settings.recipients(), rounds));
    }

    /** The --million phase: after a warm-up, every campaign started together (issue 13's first target). */
    private void million(String templateId) throws Exception {
        int n = settings.recipients();
        FanOutBench bench = new FanOutBench(api, admin, dev.endpoints().kafka(), topics);
        int warmUp = Math.min(n, WARM_UP_RECIPIENTS);
        phases.measure("warm-up fan-out", () -> bench.run(bench.prepare(templateId, warmUp), warmUp));
        List<FanOutBench.Part> parts = phases.measure("create campaigns", () -> bench.prepare(templateId, n));
        MillionBench.Outcome outcome = phases.measure("million",
                () -> new MillionBench(api, dev.endpoints().kafka(), topics).run(parts, n));
        checkNotifications(outcome.seen());
        Rows.million(report, n, outcome);
    }

    /**
     * The --gateway phase: after a warm-up, each round a campaign through dev's gateway and the raw client sending as
     * many messages to the same server; email to dev's GreenMail, then FCM and APNs to the harness's local servers
     * (docs/benchmarks.md).
     */
    private void gateway(String templateId) throws Exception {
        int n = settings.recipients();
        int warmUp = Math.min(n, GATEWAY_WARM_UP);
        int perChannel = warmUp + n * settings.rounds();
        GatewayBench bench = new GatewayBench(api, dev.mail().smtp(), dev.mail().imap(), fcm, apns,
                dev.endpoints().kafka(), topics.deliveryReceipts().name());
        phases.measure("set email addresses", () -> {
            bench.giveEmails(0, perChannel);
            return null;
        });
        phases.measure("register Android devices", () -> {
            bench.registerAndroid(perChannel, 2 * perChannel);
            return null;
        });
        phases.measure("register iPhones", () -> {
            bench.registerIos(2 * perChannel, 3 * perChannel);
            return null;
        });
        List<GatewayRound> email = gatewayRounds("email", 0, n, (from, to) -> bench.campaign(templateId, from, to),
                bench::smtpBaseline, bench::mailboxesWithExactlyOne, bench);
        Rows.gateway(report, "emails", "gateway to GreenMail", "Angus Mail directly", GatewayBench.EMAIL_CONCURRENCY,
                n, email);
        List<GatewayRound> push = gatewayRounds("FCM", perChannel, n, (from, to) -> bench.campaign(templateId, from,
                to), bench::fcmBaseline, bench::fcmExactlyOne, bench);
        Rows.gateway(report, "FCM pushes", "gateway to local FCM", "JDK HttpClient directly",
                GatewayBench.FCM_CONCURRENCY, n, push);
        List<GatewayRound> ios = gatewayRounds("APNs", 2 * perChannel, n, (from, to) -> bench.campaign(templateId,
                from, to), bench::apnsBaseline, bench::apnsExactlyOne, bench);
        Rows.gateway(report, "APNs pushes", "gateway to local APNs", "Pushy directly", GatewayBench.APNS_CONCURRENCY,
                n, ios);
    }

    /** Recipients [from, to) of one channel: a campaign, a baseline, or the count of those with exactly one. */
    private interface Recipients<T> {
        T of(int from, int to) throws Exception;
    }

    /**
     * One channel's rounds: the recipients from {@code start} on have that channel's address; a warm-up of up to
     * {@link #GATEWAY_WARM_UP}, then each round {@code n} of them through the gateway and as many by the baseline.
     */
    private List<GatewayRound> gatewayRounds(String channel, int start, int n,
            Recipients<GatewayBench.Outcome> campaign, Recipients<Double> baseline, Recipients<Long> exactlyOne,
            GatewayBench bench) throws Exception {
        int warmUp = Math.min(n, GATEWAY_WARM_UP);
        phases.measure("warm-up gateway " + channel, () -> campaign.of(start, start + warmUp));
        phases.measure("warm-up " + channel + " baseline", () -> baseline.of(start, start + warmUp));
        List<GatewayRound> rounds = new ArrayList<>();
        for (int r = 1; r <= settings.rounds(); r++) {
            int from = start + warmUp + (r - 1) * n;
            GatewayBench.Outcome sent = phases.measure("gateway " + channel + " " + r, () -> campaign.of(from,
                    from + n));
            double raw = phases.measure(channel + " baseline " + r, () -> baseline.of(from, from + n));
            PhaseMeter.Usage gatewayCpu = phases.phases().get("gateway " + channel + " " + r);
            PhaseMeter.Usage rawCpu = phases.phases().get(channel + " baseline " + r);
            long one = exactlyOne.of(from, from + n);
            long counted = bench.countedSent(sent.campaignId(), n);
            rounds.add(new GatewayRound(sent, one, counted, raw,
                    gatewayCpu.devCpuSeconds() + gatewayCpu.harnessCpuSeconds(),
                    rawCpu.devCpuSeconds() + rawCpu.harnessCpuSeconds()));
            if (one != n || counted != n || sent.otherReceipts() != 0) {
                failedChecks.add("gateway " + channel + " round " + r + ": " + one + " of " + n + " recipients got"
                        + " exactly one message, " + counted + " deliveries counted SENT, " + sent.otherReceipts()
                        + " receipts not ACCEPTED");
            }
        }
        return rounds;
    }

    /**
     * The dev process doing nothing (its code compiled, its work done; after a replay the live projector
     * has taken over again): CPU seconds per process, and per thread of the dev JVM to show what spins.
     */
    private void idle(ProcessMeter meter) throws Exception {
        Thread.sleep(IDLE_SETTLE_SECONDS * 1000L);
        Map<Long, Map.Entry<String, Long>> before = ThreadCpu.sample(dev.pid());
        phases.measure("idle", () -> sleep(settings.idleSeconds()));
        List<ThreadCpu.Group> threads = ThreadCpu.used(before, ThreadCpu.sample(dev.pid()), meter.ticksPerSecond());
        threads.stream().limit(IDLE_THREADS_SHOWN).forEach(t -> System.out.printf(Locale.ROOT,
                "  %5.1f %% of a core  %s%n", 100 * t.cpuSeconds() / settings.idleSeconds(), t.name()));
        ResourceRows.idle(report, phases.phases().get("idle"), threads);
    }

    /** A warm-up campaign (not measured: the JVM is cold), then each round: a campaign and the two baselines. */
    private List<FanOutRound> fanOut(String templateId) throws Exception {
        int n = settings.recipients();
        FanOutBench bench = new FanOutBench(api, admin, dev.endpoints().kafka(), topics);
        int warmUp = Math.min(n, WARM_UP_RECIPIENTS);
        FanOutBench.Outcome cold =
                phases.measure("warm-up fan-out", () -> bench.run(bench.prepare(templateId, warmUp), warmUp));
        report.detail("warmUpFanOut", Map.of("recipients", warmUp, "fanOutSeconds", cold.fanOutSeconds(),
                "endToEndSeconds", cold.endToEndSeconds()));
        int partitions = admin.partitions(topics.deliveryEvents().name());
        List<FanOutRound> rounds = new ArrayList<>();
        for (int r = 1; r <= settings.rounds(); r++) {
            List<FanOutBench.Part> parts = phases.measure("create campaigns " + r, () -> bench.prepare(templateId, n));
            FanOutBench.Outcome fan = phases.measure("fan-out " + r, () -> bench.run(parts, n));
            long listed = phases.measure("list every delivery " + r, () -> bench.list(parts));
            check(fan, listed);
            double producer = phases.measure("producer baseline " + r,
                    () -> ProducerBaseline.run(dev.endpoints().kafka(), admin, partitions, n, fan.seen().shape()));
            double copy = phases.measure("COPY baseline " + r, () -> copy(fan, CopyBaseline.Format.TEXT));
            double binary = phases.measure("binary COPY baseline " + r, () -> copy(fan, CopyBaseline.Format.BINARY));
            rounds.add(new FanOutRound(fan, listed, producer, copy, binary));
        }
        Rows.fanOut(report, n, rounds);
        return rounds;
    }

    private double copy(FanOutBench.Outcome fan, CopyBaseline.Format format) throws java.sql.SQLException {
        DevEndpoints endpoints = dev.endpoints();
        return CopyBaseline.run(endpoints.jdbcUrl(), endpoints.jdbcUser(), endpoints.jdbcPassword(), dev.organization(),
                fan.seen().messages(), settings.recipients(), format);
    }

    /** Fixed-rate rounds alternating with round-trip rounds, so both see the same machine; then saturation. */
    private void latency(String templateId) throws Exception {
        CommandLatency latency = new CommandLatency(api, templateId);
        phases.measure("latency warm-up", () -> {
            latency.warmUp(WARM_UP_CALLS);
            return null;
        });
        Latencies fixed = new Latencies();
        Latencies raw = new Latencies();
        List<CommandTrace.Call> calls = new ArrayList<>();
        int count = settings.fixedRateCallsPerRound();
        try (CommandTrace trace = new CommandTrace(dev.endpoints().kafka(), topics.campaignCommands().name(),
                topics.commandResults().name())) {
            for (int r = 1; r <= settings.rounds(); r++) {
                CommandLatency.FixedRate round =
                        phases.measure("fixed rate " + r, () -> latency.fixedRate(count, settings.rate()));
                fixed.add(round.latencies());
                calls.addAll(round.calls());
                raw.add(phases.measure("round-trip baseline " + r,
                        () -> RoundTripBaseline.run(dev.endpoints().kafka(), admin, count, settings.rate())));
            }
            ClosedLoop.Outcome saturation = phases.measure("saturation",
                    () -> latency.saturation(settings.callers(), Duration.ofSeconds(settings.latencySeconds())));
            Rows.latency(report, settings, fixed.percentiles(), trace.breakdown(calls), saturation, raw.percentiles());
        }
    }

    private void acknowledgements(List<FanOutBench.Part> parts) throws Exception {
        AckBench acks = new AckBench(api);
        List<String> tokens = acks.tokens(parts);
        AckBench.Outcome acked =
                phases.measure("acknowledgements", () -> acks.run(parts, tokens, settings.ackCallers()));
        if (acked.failed() > 0) {
            failedChecks.add(acked.failed() + " acknowledgements failed");
        }
        Rows.acks(report, settings.recipients(), acked);
    }

    private void check(FanOutBench.Outcome fan, long listed) {
        long n = settings.recipients();
        checkNotifications(fan.seen());
        if (listed != n) {
            failedChecks.add("ListDeliveries listed " + listed + " distinct deliveries for " + n + " recipients");
        }
    }

    private void checkNotifications(NotificationWatch.Seen seen) {
        long n = settings.recipients();
        if (seen.count() != n || seen.duplicates() != 0) {
            failedChecks.add("notifications: " + seen.count() + " for " + n + " recipients, "
                    + seen.duplicates() + " duplicates");
        }
    }

    private static Void sleep(int seconds) throws InterruptedException {
        Thread.sleep(seconds * 1000L);
        return null;
    }
}
