package dev.pidgr.query;

import java.time.Duration;

/** Receives a replay's progress, about once a second and at every phase change. Called on the replay's thread. */
@FunctionalInterface
public interface ReplayListener {

    /** Where a replay is. */
    enum Phase {
        /** Rebuilding the fresh schema from offset 0 up to the end offsets seen at start. */
        REBUILDING,
        /** Caught up; waiting for the live projector (if any) to stop writing the old schema. */
        WAITING_FOR_HANDOVER,
        /** The only writer now: applying what arrived during the rebuild. */
        APPLYING_TAIL,
        /** Readers and the live projector now use the new schema; the old one is gone. */
        SWITCHED
    }

    /**
     * One progress report. {@code eventsDone} and {@code eventsTotal} count records (with
     * transaction markers) of the three event topics; the total is their end offsets at start.
     * {@code remaining} is an estimate from the rate so far (zero when unknown or done).
     */
    record Progress(Phase phase, long eventsDone, long eventsTotal, double eventsPerSecond, Duration remaining) {

        /**
         * One line for a terminal, e.g. {@code rebuilding  412,000 / 1,050,000 events  9,800 events/s  ~1m05s left}.
         */
        public String describe() {
            String name = phase.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
            String line = String.format(java.util.Locale.ROOT, "%-22s %,d / %,d events  %,.0f events/s", name,
                    eventsDone, eventsTotal, eventsPerSecond);
            if (remaining.isZero()) {
                return line;
            }
            return line + String.format(java.util.Locale.ROOT, "  ~%dm%02ds left", remaining.toMinutes(),
                    remaining.toSecondsPart());
        }
    }

    void progress(Progress progress);

    /** A listener that ignores everything. */
    static ReplayListener none() {
        return progress -> { };
    }
}
