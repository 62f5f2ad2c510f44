package dev.pidgr.query.delivery;

import dev.pidgr.api.v1.DeliveryStatus;
import java.time.Instant;

/** One delivery as projected: also the recipient's inbox entry. Immutable; the fold makes new ones. */
public record DeliveryRow(
        String id,
        String campaignId,
        String organizationId,
        String userId,
        DeliveryStatus status,
        Instant sentAt,
        Instant deliveredAt,
        Instant readAt,
        Instant acknowledgedAt,
        Instant missedAt,
        int reminderCount,
        Instant lastRemindedAt,
        byte[] message,
        Instant inboxChangedAt) {

    /** A delivery just created by its notification: SENT at {@code at}. */
    public static DeliveryRow sent(String id, String campaignId, String organizationId, String userId,
                                   Instant at, byte[] message) {
        return new DeliveryRow(id, campaignId, organizationId, userId, DeliveryStatus.DELIVERY_STATUS_SENT,
                at, null, null, null, null, 0, null, message, at);
    }

    public DeliveryRow withStatus(DeliveryStatus newStatus) {
        return new DeliveryRow(id, campaignId, organizationId, userId, newStatus, sentAt, deliveredAt, readAt,
                acknowledgedAt, missedAt, reminderCount, lastRemindedAt, message, inboxChangedAt);
    }

    public DeliveryRow withTimes(Instant delivered, Instant read, Instant acknowledged, Instant missed) {
        return new DeliveryRow(id, campaignId, organizationId, userId, status, sentAt, delivered, read,
                acknowledged, missed, reminderCount, lastRemindedAt, message, inboxChangedAt);
    }

    public DeliveryRow withReminder(int count, Instant at) {
        return new DeliveryRow(id, campaignId, organizationId, userId, status, sentAt, deliveredAt, readAt,
                acknowledgedAt, missedAt, count, at, message, inboxChangedAt);
    }

    public DeliveryRow withInboxChangedAt(Instant at) {
        return new DeliveryRow(id, campaignId, organizationId, userId, status, sentAt, deliveredAt, readAt,
                acknowledgedAt, missedAt, reminderCount, lastRemindedAt, message, at);
    }

    public boolean read() {
        return readAt != null;
    }

    /** Whether what the inbox shows (status, read flag) differs between the two. */
    public boolean inboxDiffers(DeliveryRow other) {
        return other == null || status != other.status || read() != other.read();
    }
}
