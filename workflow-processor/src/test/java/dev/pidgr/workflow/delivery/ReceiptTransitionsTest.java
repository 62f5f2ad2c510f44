package dev.pidgr.workflow.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pidgr.api.v1.DeliveryStatus;
import dev.pidgr.events.v1.DeliveryEvent;
import dev.pidgr.events.v1.DeliveryReceipt;
import dev.pidgr.events.v1.ReceiptOutcome;
import dev.pidgr.workflow.state.DeliveryState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Given a delivery and the gateway's receipts, when they are folded, then its status and the events. */
class ReceiptTransitionsTest {

    private static DeliveryReceipt receipt(String push, ReceiptOutcome outcome, int targets) {
        return DeliveryReceipt.newBuilder().setPushId(push).setOutcome(outcome).setTargets(targets)
                .setReason(outcome == ReceiptOutcome.RECEIPT_OUTCOME_ACCEPTED ? "" : "reason of " + push).build();
    }

    /** Folds the receipts into {@code state}; the events it emits end up in {@code events}. */
    private static DeliveryState fold(DeliveryState state, List<DeliveryEvent> events, DeliveryReceipt... receipts) {
        for (DeliveryReceipt receipt : receipts) {
            var result = ReceiptTransitions.apply(state, receipt);
            if (result.isPresent()) {
                state = result.get().next();
                result.get().payload().ifPresent(events::add);
            }
        }
        return state;
    }

    private static DeliveryState status(DeliveryStatus status) {
        return DeliveryState.newBuilder().setStatus(status).build();
    }

    @Test
    void shouldMakeASentDeliveryNoDevice() {
        List<DeliveryEvent> events = new ArrayList<>();

        DeliveryState state = fold(Deliveries.SENT, events, receipt("p0", ReceiptOutcome.RECEIPT_OUTCOME_NO_DEVICE, 0));

        assertThat(state.getStatus()).isEqualTo(DeliveryStatus.DELIVERY_STATUS_NO_DEVICE);
        assertThat(events).extracting(e -> e.getNoDevice().getPushId() + " " + e.getNoDevice().getPreviousStatus())
                .containsExactly("p0 DELIVERY_STATUS_SENT");
    }

    @Test
    void shouldFailADeliveryOnlyOnceEveryTargetFailed() {
        List<DeliveryEvent> events = new ArrayList<>();

        DeliveryState afterOne = fold(Deliveries.SENT, events, receipt("p0", ReceiptOutcome.RECEIPT_OUTCOME_FAILED, 2));
        DeliveryState afterTwo = fold(afterOne, events, receipt("p0", ReceiptOutcome.RECEIPT_OUTCOME_UNREGISTERED, 2));

        assertThat(afterOne.getStatus()).isEqualTo(DeliveryStatus.DELIVERY_STATUS_SENT);
        assertThat(afterTwo.getStatus()).isEqualTo(DeliveryStatus.DELIVERY_STATUS_FAILED);
        assertThat(events).extracting(e -> e.getDeliveryFailed().getReason())
                .containsExactly("reason of p0");
    }

    @Test
    void shouldStaySentWhenAnyTargetAccepted() {
        List<DeliveryEvent> events = new ArrayList<>();

        DeliveryState state = fold(Deliveries.SENT, events, receipt("p0", ReceiptOutcome.RECEIPT_OUTCOME_FAILED, 2),
                receipt("p0", ReceiptOutcome.RECEIPT_OUTCOME_ACCEPTED, 2));

        assertThat(state.getStatus()).isEqualTo(DeliveryStatus.DELIVERY_STATUS_SENT);
        assertThat(events).isEmpty();
    }

    @Test
    void shouldCountTheTargetsOfEachPushApart() {
        List<DeliveryEvent> events = new ArrayList<>();

        DeliveryState state = fold(Deliveries.SENT, events, receipt("p0", ReceiptOutcome.RECEIPT_OUTCOME_FAILED, 2),
                receipt("p1", ReceiptOutcome.RECEIPT_OUTCOME_FAILED, 2));

        assertThat(state.getStatus()).isEqualTo(DeliveryStatus.DELIVERY_STATUS_SENT);
        assertThat(state.getFailedTargets()).isEqualTo(1);
    }

    @Test
    void shouldLeaveADeliveryTheRecipientAlreadyReachedAsItIs() {
        List<DeliveryEvent> events = new ArrayList<>();

        DeliveryState delivered = fold(status(DeliveryStatus.DELIVERY_STATUS_DELIVERED), events,
                receipt("p0", ReceiptOutcome.RECEIPT_OUTCOME_NO_DEVICE, 0),
                receipt("p1", ReceiptOutcome.RECEIPT_OUTCOME_FAILED, 1));

        assertThat(delivered.getStatus()).isEqualTo(DeliveryStatus.DELIVERY_STATUS_DELIVERED);
        assertThat(events).isEmpty();
    }

    @Test
    void shouldIgnoreRetryingReceiptsAndRememberNothingForASingleAcceptedTarget() {
        assertThat(ReceiptTransitions.apply(Deliveries.SENT, receipt("p0", ReceiptOutcome.RECEIPT_OUTCOME_RETRYING, 1)))
                .isEmpty();
        assertThat(ReceiptTransitions.apply(Deliveries.SENT, receipt("p0", ReceiptOutcome.RECEIPT_OUTCOME_ACCEPTED, 1)))
                .isEmpty();
    }
}
