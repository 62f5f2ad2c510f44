package dev.pidgr.workflow.delivery;

import dev.pidgr.api.v1.DeliveryStatus;
import dev.pidgr.events.v1.DeliveryEvent;
import dev.pidgr.events.v1.DeliveryFailed;
import dev.pidgr.events.v1.DeliveryNoDevice;
import dev.pidgr.events.v1.DeliveryReceipt;
import dev.pidgr.workflow.state.DeliveryState;
import java.util.Optional;

/**
 * How the channel gateway's receipts change a delivery (docs/channels.md, docs/workflow.md "Receipts"; pure). Only a
 * SENT delivery changes status: a NO_DEVICE receipt makes it NO_DEVICE; once every target of one push request ended
 * FAILED or UNREGISTERED and none accepted it, it becomes FAILED. A delivery the recipient already received,
 * acknowledged or missed keeps its status. The targets' ends are counted in the delivery's state, per push request.
 */
public final class ReceiptTransitions {

    private ReceiptTransitions() {
    }

    /**
     * What a receipt does: the delivery's next state (possibly only its counting changed) and, when its status
     * changed, the event payload; empty when it changes nothing.
     */
    public static Optional<Result> apply(DeliveryState state, DeliveryReceipt receipt) {
        return switch (receipt.getOutcome()) {
            case RECEIPT_OUTCOME_NO_DEVICE -> noDevice(state, receipt);
            case RECEIPT_OUTCOME_ACCEPTED -> counted(state, receipt, true);
            case RECEIPT_OUTCOME_FAILED, RECEIPT_OUTCOME_UNREGISTERED -> failed(state, receipt);
            case RECEIPT_OUTCOME_RETRYING, RECEIPT_OUTCOME_UNSPECIFIED, UNRECOGNIZED -> Optional.empty();
        };
    }

    /** A change: the new state, and the event payload when the status changed. */
    public record Result(DeliveryState next, Optional<DeliveryEvent> payload) {
    }

    private static Optional<Result> noDevice(DeliveryState state, DeliveryReceipt receipt) {
        if (state.getStatus() != DeliveryStatus.DELIVERY_STATUS_SENT) {
            return Optional.empty();
        }
        return Optional.of(new Result(
                state.toBuilder().setStatus(DeliveryStatus.DELIVERY_STATUS_NO_DEVICE).build(),
                Optional.of(DeliveryEvent.newBuilder().setNoDevice(DeliveryNoDevice.newBuilder()
                        .setPushId(receipt.getPushId()).setPreviousStatus(state.getStatus())).build())));
    }

    private static Optional<Result> failed(DeliveryState state, DeliveryReceipt receipt) {
        Optional<Result> counted = counted(state, receipt, false);
        if (counted.isEmpty()) {
            return counted;
        }
        DeliveryState next = counted.get().next();
        boolean allFailed = !next.getReceiptAccepted() && next.getFailedTargets() >= receipt.getTargets();
        if (!allFailed || state.getStatus() != DeliveryStatus.DELIVERY_STATUS_SENT) {
            return counted;
        }
        return Optional.of(new Result(
                next.toBuilder().setStatus(DeliveryStatus.DELIVERY_STATUS_FAILED).build(),
                Optional.of(DeliveryEvent.newBuilder().setDeliveryFailed(DeliveryFailed.newBuilder()
                        .setPushId(receipt.getPushId()).setReason(receipt.getReason())
                        .setPreviousStatus(state.getStatus())).build())));
    }

    /** Counts one target's end for its push request; a receipt of another push request starts the count afresh. */
    private static Optional<Result> counted(DeliveryState state, DeliveryReceipt receipt, boolean accepted) {
        DeliveryState.Builder next = state.toBuilder();
        if (!receipt.getPushId().equals(state.getReceiptPushId())) {
            next.setReceiptPushId(receipt.getPushId()).setFailedTargets(0).setReceiptAccepted(false);
        }
        if (accepted) {
            if (next.getReceiptAccepted() || receipt.getTargets() <= 1 && state.getFailedTargets() == 0) {
                // nothing to remember: a push with one target that accepted it can no longer fail
                return Optional.empty();
            }
            next.setReceiptAccepted(true);
        } else {
            next.setFailedTargets(next.getFailedTargets() + 1);
        }
        return Optional.of(new Result(next.build(), Optional.empty()));
    }
}
