package dev.pidgr.bench.latency;

import org.HdrHistogram.Histogram;

/**
 * Latencies gathered over one or more rounds: a histogram of microseconds and the calls that failed.
 * Rounds of a measurement and of its baseline alternate, so both see the same shared machine.
 */
public final class Latencies {

    private final Histogram micros = Percentiles.newHistogram();
    private long errors;

    public void record(long nanos) {
        micros.recordValue(Math.max(1, nanos / 1_000));
    }

    public void error() {
        synchronized (this) {
            errors++;
        }
    }

    /** Adds another round's latencies to these. */
    public void add(Latencies round) {
        micros.add(round.micros);
        synchronized (this) {
            errors += round.errors;
        }
    }

    public synchronized Percentiles percentiles() {
        return Percentiles.of(micros, errors);
    }
}
