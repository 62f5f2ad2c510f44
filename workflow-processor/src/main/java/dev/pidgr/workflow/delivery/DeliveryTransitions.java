package dev.pidgr.workflow.delivery;

import dev.pidgr.api.v1.DeliveryStatus;
import dev.pidgr.events.v1.DeliveryAcknowledged;
import dev.pidgr.events.v1.DeliveryInteraction;
import dev.pidgr.events.v1.DeliveryRead;
import dev.pidgr.events.v1.DeliveryReceived;
import dev.pidgr.events.v1.DeliveryEvent;
import dev.pidgr.workflow.state.Counts;
import dev.pidgr.workflow.state.DeliveryState;
import java.util.Optional;

/**
 * How a recipient's interaction changes a delivery (docs/design.md, "Deliveries"; pure). The first time wins: a repeat
 * changes nothing and emits nothing. Received moves SENT, NO_DEVICE and FAILED (the recipient's app synced
 * although no channel reached it) to DELIVERED; read is a flag set once; the ACK action acknowledges from any
 * status but ACKNOWLEDGED (from MISSED: a late acknowledgement).
 */
public final class DeliveryTransitions {

    /** The ACK action's id. */
    public static final String ACK = "ack";

    /**
     * A change: the delivery's new state and the event payload (only its oneof set).
     *
     * @param next  the new state
     * @param event the payload to publish
     */
    public record Change(DeliveryState next, DeliveryEvent payload) {
    }

    private DeliveryTransitions() {
    }

    /** The change an interaction makes, or empty when it changes nothing. */
    public static Optional<Change> apply(
            DeliveryState state, DeliveryInteraction interaction, long occurredAt, boolean afterEnd) {
        DeliveryStatus status = state.getStatus();
        return switch (interaction.getKindCase()) {
            case RECEIVED ->
                !receivable(status)
                        ? Optional.empty()
                        : Optional.of(new Change(
                                state.toBuilder()
                                        .setStatus(DeliveryStatus.DELIVERY_STATUS_DELIVERED)
                                        .build(),
                                DeliveryEvent.newBuilder()
                                        .setReceived(
                                                DeliveryReceived.newBuilder().setPreviousStatus(status))
                                        .build()));
            case READ ->
                state.getReadAt() != 0
                        ? Optional.empty()
                        : Optional.of(new Change(
                                state.toBuilder().setReadAt(occurredAt).build(),
                                DeliveryEvent.newBuilder()
                                        .setRead(DeliveryRead.getDefaultInstance())
                                        .build()));
            case ACTION_SUBMITTED ->
                acknowledge(state, interaction.getActionSubmitted().getActionId(), occurredAt, afterEnd);
            case KIND_NOT_SET -> Optional.empty();
        };
    }

    /** Whether a sync makes the delivery DELIVERED: it was sent, whether or not a channel reached the device. */
    private static boolean receivable(DeliveryStatus status) {
        return status == DeliveryStatus.DELIVERY_STATUS_SENT || status == DeliveryStatus.DELIVERY_STATUS_NO_DEVICE
                || status == DeliveryStatus.DELIVERY_STATUS_FAILED;
    }

    private static Optional<Change> acknowledge(
            DeliveryState state, String actionId, long occurredAt, boolean afterEnd) {
        DeliveryStatus status = state.getStatus();
        if (!ACK.equals(actionId) || status == DeliveryStatus.DELIVERY_STATUS_ACKNOWLEDGED) {
            return Optional.empty();
        }
        return Optional.of(new Change(
                state.toBuilder()
                        .setStatus(DeliveryStatus.DELIVERY_STATUS_ACKNOWLEDGED)
                        .setAcknowledgedAt(occurredAt)
                        .build(),
                DeliveryEvent.newBuilder()
                        .setAcknowledged(DeliveryAcknowledged.newBuilder()
                                .setActionId(actionId)
                                .setPreviousStatus(status)
                                .setAfterEnd(afterEnd))
                        .build()));
    }

    /** The counts after a delivery changed from {@code before} to {@code after}. */
    public static void count(Counts.Builder counts, DeliveryState before, DeliveryState after) {
        if (before.getStatus() != after.getStatus()) {
            add(counts, before.getStatus(), -1);
            add(counts, after.getStatus(), 1);
        }
        if (before.getReadAt() == 0 && after.getReadAt() != 0) {
            counts.setRead(counts.getRead() + 1);
        }
    }

    private static void add(Counts.Builder counts, DeliveryStatus status, int delta) {
        switch (status) {
            case DELIVERY_STATUS_SENT -> counts.setSent(counts.getSent() + delta);
            case DELIVERY_STATUS_DELIVERED -> counts.setDelivered(counts.getDelivered() + delta);
            case DELIVERY_STATUS_ACKNOWLEDGED -> counts.setAcknowledged(counts.getAcknowledged() + delta);
            case DELIVERY_STATUS_MISSED -> counts.setMissed(counts.getMissed() + delta);
            case DELIVERY_STATUS_NO_DEVICE -> counts.setNoDevice(counts.getNoDevice() + delta);
            case DELIVERY_STATUS_FAILED -> counts.setFailed(counts.getFailed() + delta);
            case DELIVERY_STATUS_UNSPECIFIED,
                    DELIVERY_STATUS_PENDING,
                    UNRECOGNIZED -> {
                // never a state of ours
            }
        }
    }
}
