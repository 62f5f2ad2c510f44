package dev.pidgr.workflow.step;

import static dev.pidgr.workflow.step.StepFixture.CAMPAIGN;
import static dev.pidgr.workflow.step.StepFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pidgr.api.v1.Message;
import dev.pidgr.contract.Ids;
import dev.pidgr.events.v1.DeliveryEvent;
import dev.pidgr.events.v1.DeliveryEvent.PayloadCase;
import dev.pidgr.events.v1.PushRequest;
import dev.pidgr.workflow.Campaigns;
import dev.pidgr.workflow.run.Effect;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SEND_NOTIFICATION: one delivery per member, streamed in batches, one batch per wake-up. */
class SendNotificationStepTest {

    private final List<String> users = Campaigns.users(5);

    @Test
    void shouldSendOneBatchPerWakeUpFromAfterTheLastUserSent() {
        StepFixture walk = StepFixture.given(Campaigns.send("send", Map.of())).audience(users).batches(2, 1024 * 1024)
                .whenStarted(T0);
        walk.thenEmitted(PayloadCase.STEP_ENTERED).thenWakesAt(T0);

        walk.whenWoken(T0);

        walk.thenEmitted(PayloadCase.NOTIFICATION_SENT, PayloadCase.NOTIFICATION_SENT).thenWakesAt(T0);
        assertThat(walk.events(PayloadCase.NOTIFICATION_SENT)).extracting(DeliveryEvent::getUserId)
                .containsExactly(users.get(0), users.get(1));
        assertThat(walk.run().cursor().getFanOut().getAfterUserId()).isEqualTo(users.get(1));
        assertThat(walk.run().cursor().getCounts().getSent()).isEqualTo(2);
        assertThat(walk.effects(Effect.LogSend.class)).singleElement().satisfies(log -> {
            assertThat(log.sequence()).isZero();
            assertThat(log.batch().getLastUserId()).isEqualTo(users.get(1));
            assertThat(log.batch().getSentAt()).isEqualTo(T0);
        });
        walk.whenWoken(T0 + 5);
        assertThat(walk.events(PayloadCase.NOTIFICATION_SENT)).extracting(DeliveryEvent::getUserId)
                .containsExactly(users.get(0), users.get(1), users.get(2), users.get(3));
    }

    @Test
    void shouldRenderEachMembersMessageAndPushItWithItsDeliveryIds() {
        StepFixture walk = StepFixture.given(Campaigns.send("send", Map.of())).audience(users.subList(0, 1))
                .whenStarted(T0);

        walk.whenWoken(T0);

        String user = users.get(0);
        String deliveryId = Ids.deliveryId(CAMPAIGN, user);
        DeliveryEvent sent = walk.events(PayloadCase.NOTIFICATION_SENT).getFirst();
        assertThat(sent.getDeliveryId()).isEqualTo(deliveryId);
        assertThat(sent.getNotificationSent().getStepId()).isEqualTo("send");
        assertThat(sent.getNotificationSent().getPushId()).isEqualTo(Ids.pushId(deliveryId, 0));
        assertThat(sent.getNotificationSent().getMessage().getTitle()).isEqualTo("Hello N" + user);
        assertThat(walk.pushes()).singleElement().satisfies(push -> {
            assertThat(push.getPushId()).isEqualTo(Ids.pushId(deliveryId, 0));
            assertThat(push.getDeliveryId()).isEqualTo(deliveryId);
            assertThat(push.getUserId()).isEqualTo(user);
            assertThat(push.getTitle()).isEqualTo("Hello N" + user);
            assertThat(push.getReminder()).isFalse();
        });
    }

    @Test
    void shouldEncodeEachMembersTextOnceForItsEventAndItsPush() {
        StepFixture walk = StepFixture.given(Campaigns.send("send", Map.of())).audience(users.subList(0, 1))
                .whenStarted(T0);

        walk.whenWoken(T0);

        Message message = walk.events(PayloadCase.NOTIFICATION_SENT).getFirst().getNotificationSent().getMessage();
        PushRequest push = walk.pushes().getFirst();
        assertThat(push.getBodyBytes()).as("the push writes the bytes the event writes").isSameAs(
                message.getBodyBytes());
        assertThat(push.getTitleBytes()).isSameAs(message.getTitleBytes());
        assertThat(push.getSummaryBytes()).isSameAs(message.getSummaryBytes());
        assertThat(push.getBodyBytes().toStringUtf8()).isEqualTo("Read it, N" + users.get(0) + ".");
    }

    @Test
    void shouldCompleteAndEndTheWalkOnceEveryMemberHasADelivery() {
        StepFixture walk = StepFixture.given(Campaigns.send("send", Map.of())).audience(users).batches(2, 1024 * 1024)
                .whenStarted(T0);

        walk.settledAt(T0);

        walk.thenEmitted(PayloadCase.NOTIFICATION_SENT, PayloadCase.STEP_COMPLETED, PayloadCase.WORKFLOW_ENDED)
                .thenWakesAt(0);
        assertThat(walk.pushes()).extracting(PushRequest::getUserId).containsExactlyElementsOf(users);
        assertThat(walk.run().cursor().getFanOut().getDone()).isTrue();
        assertThat(walk.run().cursor().getFanOut().getBatches()).isEqualTo(3);
        assertThat(walk.events(PayloadCase.STEP_COMPLETED).getFirst().getStepCompleted().getOutcome())
                .isEqualTo("completed");
        assertThat(walk.commands()).singleElement().satisfies(c -> assertThat(c.hasCompleteCampaign()).isTrue());
    }

    @Test
    void shouldCompleteAtOnceWhenEveryoneHasADeliveryAlready() {
        StepFixture walk = StepFixture.given(Campaigns.send("again", Map.of())).audience(users)
                .sentToAll("send", T0);

        walk.whenEntered("again", T0 + 1);

        walk.thenEmitted(PayloadCase.STEP_ENTERED, PayloadCase.STEP_COMPLETED, PayloadCase.WORKFLOW_ENDED);
        assertThat(walk.pushes()).isEmpty();
    }

    @Test
    void shouldWaitForItsTemplateVersionThenFailTheWalkAfterTheGrace() {
        StepFixture walk = StepFixture.given(Campaigns.send("send", Map.of())).audience(users).withoutTemplate()
                .whenStarted(T0);

        walk.whenWoken(T0);
        walk.thenEmitted().thenWakesAt(T0 + SendNotificationStep.TEMPLATE_RETRY.toMillis());
        walk.whenWoken(T0 + Duration.ofSeconds(30).toMillis());

        walk.thenEmitted(PayloadCase.WORKFLOW_ENDED).thenWakesAt(0);
        assertThat(walk.events().getLast().getWorkflowEnded().getFailed()).isTrue();
        assertThat(walk.events().getLast().getWorkflowEnded().getReason())
                .isEqualTo("template " + Campaigns.TEMPLATE + " version 1 is missing");
        assertThat(walk.pushes()).isEmpty();
        assertThat(walk.commands()).singleElement().satisfies(c -> assertThat(c.hasFailCampaign()).isTrue());
    }

    @Test
    void shouldEndABatchEarlyOnceThePunctuationsTimeIsSpent() {
        StepFixture walk = StepFixture.given(Campaigns.send("send", Map.of()))
                .audience(users)
                .batches(1000, 1024 * 1024)
                .clockMovesPerReading(Duration.ofMillis(90))
                .whenStarted(T0);

        walk.whenWoken(T0);

        assertThat(walk.events(PayloadCase.NOTIFICATION_SENT)).as("90, 180 ms: a third would start past 200")
                .hasSize(2);
        walk.thenWakesAt(T0);
    }
}
