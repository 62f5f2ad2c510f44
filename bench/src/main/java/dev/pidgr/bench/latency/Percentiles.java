package dev.pidgr.bench.latency;

import org.HdrHistogram.Histogram;

/**
 * Latencies of one phase, in milliseconds, read from a histogram of microseconds.
 *
 * @param count  calls recorded
 * @param errors calls that failed (not recorded)
 */
public record Percentiles(long count, long errors, double p50, double p99, double p999, double max, double mean) {

    /** A histogram of microseconds from 1 µs to 2 minutes, 3 significant digits. */
    public static Histogram newHistogram() {
        return new org.HdrHistogram.SynchronizedHistogram(1, 120_000_000L, 3);
    }

    public static Percentiles of(Histogram micros, long errors) {
        return new Percentiles(micros.getTotalCount(), errors, ms(micros.getValueAtPercentile(50)),
                ms(micros.getValueAtPercentile(99)), ms(micros.getValueAtPercentile(99.9)), ms(micros.getMaxValue()),
                micros.getMean() / 1000.0);
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
