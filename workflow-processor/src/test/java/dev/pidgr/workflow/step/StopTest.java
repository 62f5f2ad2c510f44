package dev.pidgr.workflow.step;

import static dev.pidgr.workflow.step.StepFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pidgr.events.v1.DeliveryEvent.PayloadCase;
import dev.pidgr.workflow.Campaigns;
import dev.pidgr.workflow.run.Effect;
import dev.pidgr.workflow.state.RunStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cancellation is one decision, whatever step runs: no step, no wake-up, no event, the webhook calls stopped. */
class StopTest {

    private static final long HOUR = Duration.ofHours(1).toMillis();
    private final List<String> users = Campaigns.users(3);

    @Test
    void shouldDropTheStepAndItsWakeUpAndEmitNothingWhenCancelledMidFanOut() {
        StepFixture walk = StepFixture.given(Campaigns.send("send", Map.of("completed", "remind")),
                        Campaigns.reminder("remind", "PT1H", "PT5H", Map.of()))
                .audience(users).batches(1, 1024 * 1024).whenStarted(T0).whenWoken(T0).thenWakesAt(T0);

        walk.whenCancelled(T0 + 1);

        walk.thenEmitted().thenWakesAt(0);
        assertThat(walk.run().cursor().getStatus()).isEqualTo(RunStatus.RUN_STATUS_CANCELLED);
        assertThat(walk.run().cursor().hasStep()).isFalse();
        assertThat(walk.decision().effects()).containsExactly(new Effect.StopCalls());
        walk.settledAt(T0 + 6 * HOUR);
        assertThat(walk.events(PayloadCase.NOTIFICATION_SENT)).hasSize(1);
        assertThat(walk.commands()).isEmpty();
    }

    @Test
    void shouldDropTheWebhookStepsPendingPagesAndStopItsCalls() {
        StepFixture walk = StepFixture.given(Campaigns.webhook("hook", "https://hooks.example.com/p", Map.of()))
                .audience(Campaigns.users(1001)).sentToAll("send", T0).whenEntered("hook", T0).settledAt(T0);
        assertThat(walk.stores.pages).containsOnlyKeys("hook/1", "hook/2");

        walk.whenCancelled(T0 + 1);

        walk.thenEmitted().thenWakesAt(0);
        assertThat(walk.decision().effects()).containsExactly(new Effect.DropPage("hook", 1),
                new Effect.DropPage("hook", 2), new Effect.StopCalls());
        assertThat(walk.stores.pages).isEmpty();
        walk.whenWebhookResult(1, dev.pidgr.events.v1.WebhookOutcome.WEBHOOK_OUTCOME_CANCELLED, T0 + 2).thenEmitted();
    }

    @Test
    void shouldRecordAcknowledgementsAfterCancelAsAfterEndAndDecideNothingElse() {
        StepFixture walk = StepFixture.given(Campaigns.send("send", Map.of("completed", "wait")),
                        Campaigns.deadline("wait", "1h", Map.of("all_acknowledged", "end")))
                .audience(users).whenStarted(T0).settledAt(T0).whenCancelled(T0 + 1);

        users.forEach(u -> walk.whenAcknowledged(u, T0 + 2));

        assertThat(walk.events(PayloadCase.ACKNOWLEDGED)).hasSize(3)
                .allSatisfy(e -> assertThat(e.getAcknowledged().getAfterEnd()).isTrue());
        assertThat(walk.events(PayloadCase.STEP_COMPLETED)).extracting(e -> e.getStepCompleted().getStepId())
                .containsExactly("send");
        assertThat(walk.commands()).isEmpty();
        walk.thenWakesAt(0);
    }
}
