package dev.pidgr.faults.support;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Call latencies of one phase, in milliseconds, with their percentiles (nearest rank). */
public final class Latencies {

    private final List<Double> millis = new ArrayList<>();

    /** Times {@code call} and keeps its latency. */
    public synchronized void time(Runnable call) {
        long started = System.nanoTime();
        call.run();
        millis.add((System.nanoTime() - started) / 1e6);
    }

    public synchronized int count() {
        return millis.size();
    }

    /** The {@code p}-th percentile (0 < p <= 100), nearest rank. */
    public synchronized double percentile(double p) {
        if (millis.isEmpty()) {
            throw new IllegalStateException("no samples");
        }
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
