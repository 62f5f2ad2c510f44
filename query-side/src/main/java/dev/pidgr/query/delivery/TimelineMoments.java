package dev.pidgr.query.delivery;

import java.time.Instant;
import java.util.Map;

/**
 * What one event did to a campaign's timeline, read off the delivery before and after it (pure):
 * each first time it set (sent, delivered, read, acknowledged, missed) counts one at that time, and
 * each reminder it added counts at the reminder's time, in every granularity's slot.
 */
final class TimelineMoments {

    private TimelineMoments() {
    }

    /** Adds the change from {@code before} (null: a new delivery) to {@code after} into {@code slots}. */
    static void add(Map<TimelineSlot, TimelineCounts> slots, DeliveryRow before, DeliveryRow after) {
        add(
                slots,
                after,
                firstSet(before == null ? null : before.sentAt(), after.sentAt()),
                new TimelineCounts(1, 0, 0, 0, 0, 0));
        if (before == null) {
            return;
        }
        add(slots, after, firstSet(before.deliveredAt(), after.deliveredAt()), new TimelineCounts(0, 1, 0, 0, 0, 0));
        add(slots, after, firstSet(before.readAt(), after.readAt()), new TimelineCounts(0, 0, 1, 0, 0, 0));
        add(
                slots,
                after,
                firstSet(before.acknowledgedAt(), after.acknowledgedAt()),
                new TimelineCounts(0, 0, 0, 1, 0, 0));
        add(slots, after, firstSet(before.missedAt(), after.missedAt()), new TimelineCounts(0, 0, 0, 0, 1, 0));
        int reminders = after.reminderCount() - before.reminderCount();
        if (reminders > 0 && after.lastRemindedAt() != null) {
            add(slots, after, after.lastRemindedAt(), new TimelineCounts(0, 0, 0, 0, 0, reminders));
        }
    }

    private static Instant firstSet(Instant before, Instant after) {
        return before == null ? after : null;
    }

    private static void add(
            Map<TimelineSlot, TimelineCounts> slots, DeliveryRow row, Instant moment, TimelineCounts counts) {
        if (moment == null) {
            return;
        }
        for (int granularity : TimelineSlot.GRANULARITIES) {
            slots.merge(
                    TimelineSlot.of(row.organizationId(), row.campaignId(), granularity, moment),
                    counts,
                    TimelineCounts::plus);
        }
    }
}
