package dev.pidgr.query.inbox;

import dev.pidgr.query.sql.Sql;
import java.time.Instant;

/**
 * Change times within one inbox are unique and strictly increasing, so a Sync page cut at a change
 * time loses nothing: a change gets its event time, nudged a microsecond past the inbox's last one.
 */
public final class InboxClock {

    private static final long ONE_MICRO_NANOS = 1_000;

    private InboxClock() {
    }

    /**
     * The change time for a change at {@code eventTime} in an inbox whose last change was {@code last} (null: none).
     */
    public static Instant next(Instant eventTime, Instant last) {
        Instant at = Sql.micros(eventTime);
        if (last == null) {
            return at;
        }
        Instant nudged = last.plusNanos(ONE_MICRO_NANOS);
        return at.isAfter(last) ? at : nudged;
    }
}
