package dev.pidgr.bench.fanout;

/**
 * One round of the fan-out measurement next to its baselines, measured right after it.
 *
 * @param fan             the fan-out of a campaign (or campaigns) of the run's recipients
 * @param listed          distinct deliveries ListDeliveries listed afterwards
 * @param producerSeconds the plain producer writing as many same-size records
 * @param copySeconds     the COPY of as many delivery rows (text format, COPY's default)
 * @param binaryCopySeconds the same COPY in binary format
 */
public record FanOutRound(FanOutBench.Outcome fan, long listed, double producerSeconds, double copySeconds,
                          double binaryCopySeconds) {

    /** Fan-out speed over the producer's: (n / fan-out seconds) / (n / producer seconds). */
    public double fanOutRatio() {
        return producerSeconds / fan.fanOutSeconds();
    }

    /** End-to-end speed over the (text) COPY's. */
    public double endToEndRatio() {
        return copySeconds / fan.endToEndSeconds();
    }

    /** End-to-end speed over the binary COPY's. */
    public double endToEndBinaryRatio() {
        return binaryCopySeconds / fan.endToEndSeconds();
    }
}
