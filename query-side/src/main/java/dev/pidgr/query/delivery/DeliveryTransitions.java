package dev.pidgr.query.delivery;

import dev.pidgr.api.v1.DeliveryStatus;
import dev.pidgr.events.v1.DeliveryEvent;
import dev.pidgr.query.sql.Sql;
import java.time.Instant;

/**
 * What one delivery event does to one delivery (pure). Interactions are facts about the
 * recipient and are applied whatever the campaign's state; the first time of each wins.
 */
final class DeliveryTransitions {

    private static final DeliveryStatus SENT = DeliveryStatus.DELIVERY_STATUS_SENT;
    private static final DeliveryStatus DELIVERED = DeliveryStatus.DELIVERY_STATUS_DELIVERED;
    private static final DeliveryStatus ACKNOWLEDGED = DeliveryStatus.DELIVERY_STATUS_ACKNOWLEDGED;
    private static final DeliveryStatus MISSED = DeliveryStatus.DELIVERY_STATUS_MISSED;
    private static final DeliveryStatus NO_DEVICE = DeliveryStatus.DELIVERY_STATUS_NO_DEVICE;
    private static final DeliveryStatus FAILED = DeliveryStatus.DELIVERY_STATUS_FAILED;

    private DeliveryTransitions() {
    }

    /** The delivery after {@code event}; {@code row} is null only for a NotificationSent. */
    static DeliveryRow apply(DeliveryRow row, DeliveryEvent event) {
        Instant at = Sql.instant(event.getOccurredAt());
        return switch (event.getPayloadCase()) {
            case NOTIFICATION_SENT ->
                row != null
                        ? row
                        : DeliveryRow.sent(
                                event.getDeliveryId(),
                                event.getCampaignId(),
                                event.getOrganizationId(),
                                event.getUserId(),
                                at,
                                event.getNotificationSent().getMessage().toByteArray());
            case RECEIVED ->
                row.withStatus(notReached(row.status()) ? DELIVERED : row.status())
                        .withTimes(first(row.deliveredAt(), at), row.readAt(), row.acknowledgedAt(), row.missedAt());
            case READ ->
                row.withTimes(row.deliveredAt(), first(row.readAt(), at), row.acknowledgedAt(), row.missedAt());
            case ACKNOWLEDGED ->
                row.withStatus(ACKNOWLEDGED)
                        .withTimes(row.deliveredAt(), row.readAt(), first(row.acknowledgedAt(), at), row.missedAt());
            case REMINDER_SENT ->
                row.withReminder(
                        Math.max(row.reminderCount(), event.getReminderSent().getReminderCount()), at);
            case MISSED -> missed(row, at);
            case NO_DEVICE -> row.status() == SENT ? row.withStatus(NO_DEVICE) : row;
            case DELIVERY_FAILED -> row.status() == SENT ? row.withStatus(FAILED) : row;
            case STEP_ENTERED, STEP_COMPLETED, WEBHOOK_PAGE_CALLED, WORKFLOW_ENDED, NUDGE_SELECTED, NUDGE_FINISHED,
                    PAYLOAD_NOT_SET -> row;
        };
    }

    /** Sent, but not known to have reached the recipient: a sync makes it DELIVERED. */
    private static boolean notReached(DeliveryStatus status) {
        return status == SENT || status == NO_DEVICE || status == FAILED;
    }

    /** Only an unacknowledged delivery (SENT or DELIVERED) becomes MISSED. */
    private static DeliveryRow missed(DeliveryRow row, Instant at) {
        if (row.status() != SENT && row.status() != DELIVERED) {
            return row;
        }
        return row.withStatus(MISSED)
                .withTimes(row.deliveredAt(), row.readAt(), row.acknowledgedAt(), first(row.missedAt(), at));
    }

    private static Instant first(Instant existing, Instant candidate) {
        return existing != null ? existing : candidate;
    }

    /** Whether the event concerns one delivery (rather than the walk). */
    static boolean concernsDelivery(DeliveryEvent event) {
        return switch (event.getPayloadCase()) {
            case NOTIFICATION_SENT, RECEIVED, READ, ACKNOWLEDGED, REMINDER_SENT, MISSED, NO_DEVICE, DELIVERY_FAILED ->
                true;
            case STEP_ENTERED, STEP_COMPLETED, WEBHOOK_PAGE_CALLED, WORKFLOW_ENDED, NUDGE_SELECTED, NUDGE_FINISHED,
                    PAYLOAD_NOT_SET -> false;
        };
    }
}
