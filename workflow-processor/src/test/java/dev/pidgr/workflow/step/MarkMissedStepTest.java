package dev.pidgr.workflow.step;

import static dev.pidgr.workflow.step.StepFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.pidgr.api.v1.DeliveryStatus;
import dev.pidgr.events.v1.DeliveryEvent;
import dev.pidgr.events.v1.DeliveryEvent.PayloadCase;
import dev.pidgr.workflow.Campaigns;
import dev.pidgr.workflow.delivery.Deliveries;
import dev.pidgr.workflow.state.DeliveryState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** MARK_MISSED: deliveries still SENT or DELIVERED become MISSED, in batches; the others stay as they are. */
class MarkMissedStepTest {

    private final List<String> users = Campaigns.users(5);

    @Test
    void shouldMarkSentAndDeliveredMissedReadOrNotAndLeaveAcknowledged() {
        DeliveryState delivered = Deliveries.SENT.toBuilder()
                .setStatus(DeliveryStatus.DELIVERY_STATUS_DELIVERED)
                .build();
        StepFixture walk = StepFixture.given(Campaigns.missed("missed", Map.of())).audience(users)
                .sentToAll("send", T0).delivery(users.get(1), delivered)
                .delivery(users.get(2), delivered.toBuilder().setReadAt(T0).build()).acknowledged(users.get(3))
                .batches(10, 1024 * 1024).whenEntered("missed", T0 + 1);
        walk.thenEmitted(PayloadCase.STEP_ENTERED).thenWakesAt(T0 + 1);

        walk.whenWoken(T0 + 1);

        walk.thenEmitted(PayloadCase.MISSED, PayloadCase.MISSED, PayloadCase.MISSED, PayloadCase.MISSED,
                PayloadCase.STEP_COMPLETED, PayloadCase.WORKFLOW_ENDED);
        assertThat(walk.events(PayloadCase.MISSED)).extracting(DeliveryEvent::getUserId,
                e -> e.getMissed().getPreviousStatus()).containsExactly(
                tuple(users.get(0), DeliveryStatus.DELIVERY_STATUS_SENT),
                tuple(users.get(1), DeliveryStatus.DELIVERY_STATUS_DELIVERED),
                tuple(users.get(2), DeliveryStatus.DELIVERY_STATUS_DELIVERED),
                tuple(users.get(4), DeliveryStatus.DELIVERY_STATUS_SENT));
        assertThat(users).extracting(u -> walk.stores.deliveries.get(u).getStatus()).containsExactly(
                DeliveryStatus.DELIVERY_STATUS_MISSED, DeliveryStatus.DELIVERY_STATUS_MISSED,
                DeliveryStatus.DELIVERY_STATUS_MISSED, DeliveryStatus.DELIVERY_STATUS_ACKNOWLEDGED,
                DeliveryStatus.DELIVERY_STATUS_MISSED);
        assertThat(walk.stores.deliveries.get(users.get(2)).getReadAt()).isEqualTo(T0);
        assertThat(walk.run().cursor().getCounts()).satisfies(c -> {
            assertThat(c.getMissed()).isEqualTo(4);
            assertThat(c.getSent()).isZero();
            assertThat(c.getDelivered()).isZero();
            assertThat(c.getRead()).isEqualTo(1);
            assertThat(c.getAcknowledged()).isEqualTo(1);
        });
    }

    @Test
    void shouldSweepInBatchesOnePerWakeUp() {
        StepFixture walk = StepFixture.given(Campaigns.missed("missed", Map.of())).audience(users)
                .sentToAll("send", T0).batches(2, 1024 * 1024).whenEntered("missed", T0);

        walk.whenWoken(T0);

        walk.thenEmitted(PayloadCase.MISSED, PayloadCase.MISSED).thenWakesAt(T0);
        assertThat(walk.run().cursor().getStep().getScanAfter()).isEqualTo(users.get(1));
        walk.settledAt(T0);
        assertThat(walk.events(PayloadCase.MISSED)).extracting(DeliveryEvent::getUserId)
                .containsExactlyElementsOf(users);
        assertThat(walk.events().getLast().getPayloadCase()).isEqualTo(PayloadCase.WORKFLOW_ENDED);
    }

    @Test
    void shouldMarkOnlyMembersTheFanOutReached() {
        StepFixture walk = StepFixture.given(Campaigns.missed("missed", Map.of())).audience(users)
                .sentUpTo("send", users.get(1), T0).whenEntered("missed", T0);

        walk.settledAt(T0);

        assertThat(walk.events(PayloadCase.MISSED)).extracting(DeliveryEvent::getUserId)
                .containsExactly(users.get(0), users.get(1));
    }

    @Test
    void shouldFollowItsCompletedTransition() {
        StepFixture walk = StepFixture.given(Campaigns.missed("missed", Map.of("completed", "wait")),
                        Campaigns.deadline("wait", "1h", Map.of()))
                .audience(users).sentToAll("send", T0).acknowledged(users.toArray(String[]::new))
                .batches(10, 1024 * 1024).whenEntered("missed", T0);

        walk.whenWoken(T0);

        walk.thenEmitted(PayloadCase.STEP_COMPLETED, PayloadCase.STEP_ENTERED).thenWakesAt(T0 + 3_600_000);
        assertThat(walk.events(PayloadCase.STEP_COMPLETED).getLast().getStepCompleted().getNextStepId())
                .isEqualTo("wait");
    }
}
