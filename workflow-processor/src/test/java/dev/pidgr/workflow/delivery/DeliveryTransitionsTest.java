package dev.pidgr.workflow.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pidgr.api.v1.DeliveryStatus;
import dev.pidgr.events.v1.ActionSubmitted;
import dev.pidgr.events.v1.DeliveryInteraction;
import dev.pidgr.events.v1.Read;
import dev.pidgr.events.v1.Received;
import dev.pidgr.workflow.state.Counts;
import dev.pidgr.workflow.state.DeliveryState;
import org.junit.jupiter.api.Test;

class DeliveryTransitionsTest {

    private static final DeliveryInteraction RECEIVED = DeliveryInteraction.newBuilder()
            .setReceived(Received.getDefaultInstance())
            .build();
    private static final DeliveryInteraction READ =
            DeliveryInteraction.newBuilder().setRead(Read.getDefaultInstance()).build();
    private static final DeliveryInteraction ACK = DeliveryInteraction.newBuilder()
            .setActionSubmitted(ActionSubmitted.newBuilder().setActionId("ack")).build();

    private static DeliveryState status(DeliveryStatus status) {
        return DeliveryState.newBuilder().setStatus(status).build();
    }

    @Test
    void shouldMoveOnlyASentDeliveryToDelivered() {
        assertThat(DeliveryTransitions.apply(Deliveries.SENT, RECEIVED, 5, false)).hasValueSatisfying(change ->
                assertThat(change.next().getStatus()).isEqualTo(DeliveryStatus.DELIVERY_STATUS_DELIVERED));
        assertThat(DeliveryTransitions.apply(status(DeliveryStatus.DELIVERY_STATUS_MISSED), RECEIVED, 5, false))
                .isEmpty();
        assertThat(DeliveryTransitions.apply(status(DeliveryStatus.DELIVERY_STATUS_DELIVERED), RECEIVED, 5, false))
                .isEmpty();
    }

    @Test
    void shouldMoveANoDeviceOrFailedDeliveryToDeliveredWhenTheAppSyncs() {
        var fromNoDevice = DeliveryTransitions.apply(status(DeliveryStatus.DELIVERY_STATUS_NO_DEVICE), RECEIVED, 5,
                false).orElseThrow();

        assertThat(fromNoDevice.next().getStatus()).isEqualTo(DeliveryStatus.DELIVERY_STATUS_DELIVERED);
        assertThat(fromNoDevice.payload().getReceived().getPreviousStatus())
                .isEqualTo(DeliveryStatus.DELIVERY_STATUS_NO_DEVICE);
        assertThat(DeliveryTransitions.apply(status(DeliveryStatus.DELIVERY_STATUS_FAILED), RECEIVED, 5, false)
                .orElseThrow().next().getStatus()).isEqualTo(DeliveryStatus.DELIVERY_STATUS_DELIVERED);
    }

    @Test
    void shouldSetReadOnceKeepingTheFirstTime() {
        DeliveryState read = DeliveryTransitions.apply(Deliveries.SENT, READ, 5, false).orElseThrow().next();

        assertThat(read.getReadAt()).isEqualTo(5);
        assertThat(read.getStatus()).isEqualTo(DeliveryStatus.DELIVERY_STATUS_SENT);
        assertThat(DeliveryTransitions.apply(read, READ, 9, false)).isEmpty();
    }

    @Test
    void shouldAcknowledgeFromMissedAsALateAcknowledgement() {
        var change = DeliveryTransitions.apply(status(DeliveryStatus.DELIVERY_STATUS_MISSED), ACK, 7, true)
                .orElseThrow();

        assertThat(change.next().getStatus()).isEqualTo(DeliveryStatus.DELIVERY_STATUS_ACKNOWLEDGED);
        assertThat(change.next().getAcknowledgedAt()).isEqualTo(7);
        assertThat(change.payload().getAcknowledged().getPreviousStatus())
                .isEqualTo(DeliveryStatus.DELIVERY_STATUS_MISSED);
        assertThat(change.payload().getAcknowledged().getAfterEnd()).isTrue();
        assertThat(DeliveryTransitions.apply(change.next(), ACK, 8, true)).isEmpty();
    }

    @Test
    void shouldIgnoreOtherActions() {
        DeliveryInteraction other = DeliveryInteraction.newBuilder()
                .setActionSubmitted(ActionSubmitted.newBuilder().setActionId("x"))
                .build();

        assertThat(DeliveryTransitions.apply(Deliveries.SENT, other, 1, false)).isEmpty();
    }

    @Test
    void shouldMoveCountsWithTheStatus() {
        Counts.Builder counts = Counts.newBuilder().setSent(2).setMissed(1);

        DeliveryTransitions.count(counts, status(DeliveryStatus.DELIVERY_STATUS_MISSED),
                DeliveryState.newBuilder().setStatus(DeliveryStatus.DELIVERY_STATUS_ACKNOWLEDGED).setReadAt(3).build());

        assertThat(counts.build())
                .isEqualTo(Counts.newBuilder()
                        .setSent(2)
                        .setMissed(0)
                        .setAcknowledged(1)
                        .setRead(1)
                        .build());
    }
}
