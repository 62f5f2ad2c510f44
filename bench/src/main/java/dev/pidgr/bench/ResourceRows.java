package dev.pidgr.bench;

import dev.pidgr.bench.dev.LogErrors;
import dev.pidgr.bench.dev.ProcessMeter;
import dev.pidgr.bench.dev.ThreadCpu;
import dev.pidgr.bench.report.Report;
import dev.pidgr.bench.report.Row;
import dev.pidgr.bench.report.Target;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The rows on what the run cost: memory, CPU, CPU when idle, errors logged. */
final class ResourceRows {

    /** Issue 13: an idle dev process uses at most 5% of a core. */
    static final Target IDLE_CPU = Target.atMost(5.0);
    /** Issue 13: no ERROR line from the broker or the processors in a clean run. */
    static final Target NO_ERRORS = Target.atMost(0);

    private ResourceRows() {
    }

    static void resources(Report report, ProcessMeter.Usage total) {
        report.add(Row.of("dev process: peak RSS (VmHWM)", "MiB", total.devPeakRssKiB() / 1024.0));
        report.add(Row.of("dev process: CPU, start to end of run", "s", total.devCpuSeconds()));
        report.add(Row.of("embedded PostgreSQL: CPU", "s", total.postgresCpuSeconds()));
        report.add(Row.of("harness: CPU", "s", total.harnessCpuSeconds()));
    }

    /** The idle phase: each process's CPU, and the dev JVM's per thread group. */
    static void idle(Report report, PhaseMeter.Usage idle, List<ThreadCpu.Group> threads) {
        String over = String.format(java.util.Locale.ROOT, " (%.0f s)", idle.wallSeconds());
        report.add(Row.of("idle" + over + ": dev process CPU", "% of a core",
                100 * idle.devCpuSeconds() / idle.wallSeconds(), IDLE_CPU));
        report.add(Row.of("idle" + over + ": embedded PostgreSQL CPU", "% of a core",
                100 * idle.postgresCpuSeconds() / idle.wallSeconds()));
        report.add(Row.of("idle" + over + ": harness CPU", "% of a core",
                100 * idle.harnessCpuSeconds() / idle.wallSeconds()));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("seconds", idle.wallSeconds());
        details.put("devCpuSeconds", idle.devCpuSeconds());
        details.put("postgresCpuSeconds", idle.postgresCpuSeconds());
        details.put("harnessCpuSeconds", idle.harnessCpuSeconds());
        Map<String, Double> perThread = new LinkedHashMap<>();
        threads.forEach(t -> perThread.put(t.name(), t.cpuSeconds()));
        details.put("devCpuSecondsPerThread", perThread);
        report.detail("idle", details);
    }

    static void logErrors(Report report, LogErrors.Found errors) {
        report.add(Row.of("ERROR lines in the dev log (broker, processors)", "lines", errors.count(), NO_ERRORS));
        report.detail("logErrors", errors);
    }
}
