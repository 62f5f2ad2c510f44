package dev.pidgr.query.delivery;

/** How many deliveries reached each state within one slot of a campaign's timeline. */
public record TimelineCounts(int sent, int delivered, int read, int acknowledged, int missed, int reminded) {

    public static final TimelineCounts ZERO = new TimelineCounts(0, 0, 0, 0, 0, 0);

    public TimelineCounts plus(TimelineCounts o) {
        return new TimelineCounts(sent + o.sent, delivered + o.delivered, read + o.read, acknowledged + o.acknowledged,
                missed + o.missed, reminded + o.reminded);
    }
}
