package dev.pidgr.bench;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench/run.sh}: starts {@code ./pidgr dev} as a child process on a fresh data folder and
 * measures it as a client, each figure next to a baseline measured in the same run on the same
 * broker or database. Prints one table and writes the results as JSON (docs/benchmarks.md).
 */
@Command(name = "bench/run.sh", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measure pidgr dev against raw Kafka and PostgreSQL baselines (docs/benchmarks.md).")
public final class BenchMain implements Callable<Integer> {

    @Option(
            names = "--recipients",
            description = "Recipients of the fan-out (default 100,000; 10,000 with --quick). Above 100,000 (the API's"
                    + " audience limit) the audience is split into campaigns of 100,000 started together.")
    Integer recipients;

    @Option(
            names = "--quick",
            description = "A short run to try the harness: 10,000 recipients, latency phases of 5 s.")
    boolean quick;

    @Option(
            names = "--million",
            description = "Only the one-million phase (issue 13): ten campaigns of 100,000 (or --recipients) started"
                    + " together, Start to the last NotificationSent and to GetCampaign counting all sent.")
    boolean million;

    @Option(
            names = "--gateway",
            description = "Only the gateway phase (issue 16): --recipients (default 1,000) with email addresses, then"
                    + " as many with an Android device; Start to the last ACCEPTED receipt, next to the same SMTP"
                    + " and HTTP clients sending directly to dev's GreenMail and a local FCM server.")
    boolean gateway;

    @Option(
            names = "--idle-seconds",
            defaultValue = "60",
            description = "Length of the idle phase at the end: the dev process's CPU doing nothing (default"
                    + " ${DEFAULT-VALUE}).")
    int idleSeconds;

    @Option(
            names = "--rate",
            defaultValue = "50",
            description = "Offered rate of the fixed-rate CreateCampaign phase, calls/s (default ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--latency-seconds", description = "Length of each latency phase (default 20; 5 with --quick).")
    Integer latencySeconds;

    @Option(
            names = "--callers",
            defaultValue = "16",
            description = "Concurrent callers at saturation (default ${DEFAULT-VALUE}).")
    int callers;

    @Option(
            names = "--rounds",
            description = "Rounds of each measurement that has a baseline, each next to its own baseline; "
                    + "the table shows the median round (default 3; 1 with --quick).")
    Integer rounds;

    @Option(
            names = "--ack-callers",
            defaultValue = "32",
            description = "SubmitAction calls in flight (default ${DEFAULT-VALUE}).")
    int ackCallers;

    @Option(
            names = "--out",
            description = "Where to write the JSON results (default bench/target/results/<time>.json).")
    Path out;

    @Option(
            names = "--profile",
            description = "Record a JFR profile of the dev process per phase (bench/target/runs/<time>/<phase>.jfr).")
    boolean profile;

    @Option(names = "--keep-data", description = "Keep the dev server's data folder afterwards.")
    boolean keepData;

    @Option(
            names = "--root",
            defaultValue = "${sys:pidgr.bench.root:-.}",
            description = "The repository, where ./pidgr is (run.sh sets it).")
    Path root;

    private final String[] arguments;

    BenchMain(String[] arguments) {
        this.arguments = arguments.clone();
    }

    @Override
    public Integer call() throws Exception {
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        Path repository = root.toAbsolutePath().normalize();
        Path json = out != null ? out.toAbsolutePath() : repository.resolve("bench/target/results/" + stamp + ".json");
        BenchSettings settings = new BenchSettings(repository,
                recipients != null ? recipients : million ? 1_000_000 : gateway ? 1_000 : quick ? 10_000 : 100_000,
                rate, latencySeconds != null ? latencySeconds : quick ? 5 : 20, callers, ackCallers,
                rounds != null ? rounds : quick ? 1 : 3, idleSeconds, million, gateway,
                json, repository.resolve("bench/target/runs/" + stamp), profile, keepData,
                ("bench/run.sh " + String.join(" ", arguments)).strip());
        return new BenchRun(settings).run();
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain(args)).execute(args));
    }
}
