package dev.pidgr.bench.fanout;

/**
 * One round of the fan-out measurement next to its baselines, measured right after it.
 *
 * @param fan             the fan-out of a campaign (or campaigns) of the run's recipients
 * @param listed          distinct deliveries ListDeliveries listed afterwards
 * @param producerSeconds the plain producer writing as many same-size records
 * @param copySeconds     the COPY of as many delivery rows
 */
public record FanOutRound(FanOutBench.Outcome fan, long listed, double producerSeconds, double copySeconds) {

    /** Fan-out speed over the producer's: (n / fan-out seconds) / (n / producer seconds). */
    public double fanOutRatio() {
        return producerSeconds / fan.fanOutSeconds();
    }

    /** End-to-end speed over the COPY's. */
    public double endToEndRatio() {
        return copySeconds / fan.endToEndSeconds();
    }
}
