package dev.pidgr.app.ops;

import com.zaxxer.hikari.HikariDataSource;
import dev.pidgr.app.cli.Output;
import dev.pidgr.query.QuerySettings;
import dev.pidgr.query.Replay;
import dev.pidgr.query.ReplayListener;
import dev.pidgr.query.ReplaySummary;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pidgr replay}: rebuilds every projection from the event topics into a fresh schema while
 * the service keeps running, then switches readers over (docs/operations.md, "Replay").
 */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Rebuild every projection from the event topics into a fresh schema, then switch readers over. "
                + "The service keeps running. Without --kafka and --jdbc-url, uses the dev server of --data-dir.")
public final class ReplayCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    OperatorOptions connection;

    @Option(
            names = "--handover-timeout",
            defaultValue = "PT2M",
            description = "How long the live projector may take to hand over (default: ${DEFAULT-VALUE}).")
    Duration handoverTimeout;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ProgressLine progress = new ProgressLine(out, Output.interactiveTerminal());
        try (HikariDataSource pool = connection.pool("pidgr-replay")) {
            ReplaySummary summary = Replay.run(
                    pool,
                    connection.kafkaConfig(),
                    connection.topics(),
                    QuerySettings.DEFAULT_SCHEMA,
                    progress,
                    handoverTimeout);
            progress.done();
            out.printf(
                    "switched: readers now use %s (%s dropped); %,d events in %s (%,d during the replay)%n",
                    summary.newSchema(),
                    summary.previousSchema(),
                    summary.events(),
                    human(summary.took()),
                    summary.tailEvents());
            out.flush();
        }
        return 0;
    }

    private static String human(Duration d) {
        return d.toMinutes() > 0 ? d.toMinutes() + "m" + String.format("%02d", d.toSecondsPart()) + "s"
                : String.format(java.util.Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }

    /** A terminal gets one line redrawn in place; a log or pipe gets a line per phase and one every 10 s. */
    private static final class ProgressLine implements ReplayListener {
        private final PrintWriter out;
        private final boolean terminal;
        private Phase lastPhase;
        private long lastPrinted;

        ProgressLine(PrintWriter out, boolean terminal) {
            this.out = out;
            this.terminal = terminal;
        }

        @Override
        public void progress(Progress progress) {
            if (progress.phase() == Phase.SWITCHED) {
                return; // the summary says it
            }
            long now = System.nanoTime();
            boolean phaseChanged = progress.phase() != lastPhase;
            if (terminal) {
                out.print((phaseChanged && lastPhase != null ? System.lineSeparator() : "\r\033[K")
                        + progress.describe());
            } else if (phaseChanged || now - lastPrinted > 10_000_000_000L) {
                out.println(progress.describe().stripTrailing());
                lastPrinted = now;
            }
            lastPhase = progress.phase();
            out.flush();
        }

        void done() {
            if (terminal && lastPhase != null) {
                out.println();
            }
        }
    }
}
