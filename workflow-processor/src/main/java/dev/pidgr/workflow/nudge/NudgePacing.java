package dev.pidgr.workflow.nudge;

/**
 * A nudge's pace: reminder n (from 1) is due {@code (n - 1) / rate} seconds after reminding began, so the rate holds
 * over the whole nudge however the wake-ups fall (a late one catches up, none runs ahead), except that a wake-up
 * catches up at most one second's worth: after a longer stall the pace starts again from there. Pure arithmetic.
 */
final class NudgePacing {

    private NudgePacing() {
    }

    /** How many reminders may have been sent by {@code now}. */
    static long allowed(long pacedFrom, int ratePerSecond, long now) {
        return now < pacedFrom ? 0 : 1 + Math.multiplyExact(now - pacedFrom, (long) ratePerSecond) / 1000;
    }

    /**
     * The start of a pace that allows {@code allowed} reminders at {@code now}: after a stall (a restart, a busy
     * thread) the pace is moved so that at most one second's worth is sent at once, never a burst of the backlog.
     */
    static long rebased(long now, int ratePerSecond, long allowed) {
        return now - (allowed - 1) * 1000 / ratePerSecond;
    }

    /** When reminder {@code n} (from 1) is due. */
    static long dueAt(long pacedFrom, int ratePerSecond, long n) {
        return pacedFrom + Math.ceilDiv((n - 1) * 1000, (long) ratePerSecond);
    }
}
