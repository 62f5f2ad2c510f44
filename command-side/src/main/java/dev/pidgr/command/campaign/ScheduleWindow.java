package dev.pidgr.command.campaign;

import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Timestamps;
import dev.pidgr.command.decision.Violation;
import java.time.Duration;
import java.util.Optional;

/**
 * How far ahead a start may be scheduled, relative to the command's issued_at (the decision's clock; nothing here
 * reads one). A start_at that is unset or not after issued_at means now; one ahead must be at least
 * {@code minLead} and at most {@code maxLead} ahead.
 */
public record ScheduleWindow(Duration minLead, Duration maxLead) {

    /** 1 minute to 365 days: what clients get (docs/api.md, "Scheduled start"). */
    public static final ScheduleWindow DEFAULT = new ScheduleWindow(Duration.ofMinutes(1), Duration.ofDays(365));

    public ScheduleWindow {
        if (minLead.isNegative() || maxLead.compareTo(minLead) < 0) {
            throw new IllegalArgumentException("a schedule window needs 0 <= minLead <= maxLead");
        }
    }

    /** Whether {@code startAt} asks for a start later than {@code issuedAt} (else: now). */
    boolean later(Timestamp startAt, Timestamp issuedAt) {
        return Timestamps.compare(startAt, issuedAt) > 0;
    }

    /** The problem with a start_at ahead of issued_at but outside the window; empty when it is fine or now. */
    Optional<Violation> check(Timestamp startAt, Timestamp issuedAt) {
        if (!later(startAt, issuedAt)) {
            return Optional.empty();
        }
        Duration lead = Duration.ofSeconds(
                startAt.getSeconds() - issuedAt.getSeconds(), startAt.getNanos() - issuedAt.getNanos());
        if (lead.compareTo(minLead) < 0 || lead.compareTo(maxLead) > 0) {
            return Optional.of(new Violation("start_at", "start_at must be at least " + words(minLead)
                    + " and at most " + words(maxLead) + " ahead (or absent, or past, to start now); it is "
                    + Timestamps.toString(startAt) + ", " + words(lead) + " ahead"));
        }
        return Optional.empty();
    }

    private static String words(Duration d) {
        if (d.toDays() > 0 && d.equals(Duration.ofDays(d.toDays()))) {
            return d.toDays() + (d.toDays() == 1 ? " day" : " days");
        }
        if (d.toMinutes() > 0 && d.equals(Duration.ofMinutes(d.toMinutes()))) {
            return d.toMinutes() + (d.toMinutes() == 1 ? " minute" : " minutes");
        }
        return d.getNano() == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
