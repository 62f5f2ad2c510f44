package dev.pidgr.workflow.delivery;

import dev.pidgr.api.v1.DeliveryStatus;
import dev.pidgr.workflow.state.DeliveryState;

/**
 * Deliveries are implicit: a member has one once the fan-out passed them (dev.pidgr.workflow.run.FanOuts), and
 * until something changes it (an interaction, a reminder, missed marking) its state is {@link #SENT} and nothing is
 * stored, so the fan-out writes no state per delivery.
 */
public final class Deliveries {

    /** The implicit state of a delivery just sent. */
    public static final DeliveryState SENT = DeliveryState.newBuilder().setStatus(DeliveryStatus.DELIVERY_STATUS_SENT)
            .build();

    private Deliveries() {
    }
}
