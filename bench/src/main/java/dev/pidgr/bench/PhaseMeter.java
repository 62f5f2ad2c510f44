package dev.pidgr.bench;

import dev.pidgr.bench.dev.ProcessMeter;
import dev.pidgr.bench.dev.Profiler;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Runs the phases of a run one after another, noting for each its wall time and the CPU seconds the
 * dev JVM, PostgreSQL and the harness spent in it (and, with --profile, a JFR recording of it).
 */
final class PhaseMeter {

    /** One phase's time and CPU seconds. */
    record Usage(double wallSeconds, double devCpuSeconds, double postgresCpuSeconds, double harnessCpuSeconds) {
    }

    private final ProcessMeter meter;
    private final Profiler profiler;
    private final Map<String, Usage> phases = new LinkedHashMap<>();

    PhaseMeter(ProcessMeter meter, Profiler profiler) {
        this.meter = meter;
        this.profiler = profiler;
    }

    <T> T measure(String phase, Callable<T> work) throws Exception {
        System.out.println(phase + " ...");
        profiler.start(phase);
        ProcessMeter.Usage before = meter.sample();
        long started = System.nanoTime();
        T result = work.call();
        double wall = (System.nanoTime() - started) / 1e9;
        ProcessMeter.Usage used = meter.sample().since(before);
        profiler.stop(phase);
        Usage usage = new Usage(wall, used.devCpuSeconds(), used.postgresCpuSeconds(), used.harnessCpuSeconds());
        phases.put(phase, usage);
        System.out.printf(Locale.ROOT, "  %.1f s; CPU s: dev %.1f, PostgreSQL %.1f, harness %.1f%n", wall,
                usage.devCpuSeconds(), usage.postgresCpuSeconds(), usage.harnessCpuSeconds());
        return result;
    }

    Map<String, Usage> phases() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(phases));
    }
}
