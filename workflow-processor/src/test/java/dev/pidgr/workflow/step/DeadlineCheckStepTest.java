package dev.pidgr.workflow.step;

import static dev.pidgr.workflow.step.StepFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pidgr.events.v1.DeliveryEvent.PayloadCase;
import dev.pidgr.workflow.Campaigns;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** DEADLINE_CHECK: its deadline, and its early exit when everyone acknowledged. */
class DeadlineCheckStepTest {

    private static final long HOUR = Duration.ofHours(1).toMillis();
    private final List<String> users = Campaigns.users(3);

    @Test
    void shouldTakeAllAcknowledgedAtOnceWhenEveryoneAcknowledgedMidWait() {
        StepFixture walk = StepFixture.given(
                        Campaigns.send("send", Map.of("completed", "wait")),
                        Campaigns.deadline("wait", "72h", Map.of("all_acknowledged", "end", "completed", "missed")),
                        Campaigns.missed("missed", Map.of()))
                .audience(users).whenStarted(T0).settledAt(T0)
                .thenWakesAt(T0 + 72 * HOUR);
        walk.whenAcknowledged(users.get(0), T0 + HOUR).whenAcknowledged(users.get(1), T0 + HOUR);
        assertThat(walk.events(PayloadCase.STEP_COMPLETED)).hasSize(1);

        walk.whenAcknowledged(users.get(2), T0 + 2 * HOUR);

        walk.thenEmitted(PayloadCase.ACKNOWLEDGED, PayloadCase.STEP_COMPLETED, PayloadCase.WORKFLOW_ENDED)
                .thenWakesAt(0);
        assertThat(walk.events(PayloadCase.STEP_COMPLETED).getLast().getStepCompleted()).satisfies(c -> {
            assertThat(c.getStepId()).isEqualTo("wait");
            assertThat(c.getOutcome()).isEqualTo("all_acknowledged");
            assertThat(c.getNextStepId()).isEqualTo("end");
        });
        assertThat(walk.commands()).hasSize(1);
        walk.whenWoken(T0 + 73 * HOUR).thenEmitted();
        assertThat(walk.commands()).hasSize(1);
    }

    @Test
    void shouldTakeAllAcknowledgedOnEntryWhenEveryoneAcknowledgedBefore() {
        StepFixture walk = StepFixture.given(
                        Campaigns.send("send", Map.of("completed", "first")),
                        Campaigns.deadline("first", "1h", Map.of("completed", "second")),
                        Campaigns.deadline("second", "24h", Map.of("all_acknowledged", "end", "completed", "missed")),
                        Campaigns.missed("missed", Map.of()))
                .audience(users).whenStarted(T0).settledAt(T0);
        users.forEach(u -> walk.whenAcknowledged(u, T0 + 1));
        assertThat(walk.events(PayloadCase.STEP_COMPLETED)).hasSize(1); // "first" has no all_acknowledged

        walk.whenWoken(T0 + HOUR);

        assertThat(walk.events(PayloadCase.STEP_COMPLETED)).extracting(e -> e.getStepCompleted().getStepId() + ":"
                + e.getStepCompleted().getOutcome())
                .containsExactly("send:completed", "first:completed", "second:all_acknowledged");
        assertThat(walk.events(PayloadCase.STEP_ENTERED).getLast().getStepEntered().hasWakeUpAt()).isFalse();
        assertThat(walk.events(PayloadCase.MISSED)).isEmpty();
        assertThat(walk.commands()).hasSize(1);
    }

    @Test
    void shouldYieldCompletedAtTheDeadlineWhenNotEveryoneAcknowledged() {
        StepFixture walk = StepFixture.given(
                        Campaigns.send("send", Map.of("completed", "wait")),
                        Campaigns.deadline("wait", "90m", Map.of("all_acknowledged", "end", "completed", "missed")),
                        Campaigns.missed("missed", Map.of()))
                .audience(users).whenStarted(T0).settledAt(T0)
                .whenAcknowledged(users.get(0), T0 + 1);

        walk.whenWoken(T0 + Duration.ofMinutes(89).toMillis()).thenEmitted();
        assertThat(walk.events(PayloadCase.MISSED)).isEmpty();
        walk.settledAt(T0 + Duration.ofMinutes(90).toMillis());

        assertThat(walk.events(PayloadCase.MISSED)).extracting(e -> e.getUserId())
                .containsExactly(users.get(1), users.get(2));
    }

    @Test
    void shouldAnnounceItsDeadlineAndSleepUntilIt() {
        StepFixture walk = StepFixture.given(Campaigns.deadline("wait", "90m", Map.of()))
                .audience(users).sentToAll("send", T0);

        walk.whenEntered("wait", T0);

        walk.thenEmitted(PayloadCase.STEP_ENTERED).thenWakesAt(T0 + Duration.ofMinutes(90).toMillis());
        assertThat(walk.events().getLast().getStepEntered().getWakeUpAt().getSeconds() * 1000)
                .isEqualTo(T0 + Duration.ofMinutes(90).toMillis());
    }

    @Test
    void shouldFailTheWalkOnAnInvalidDelayWithoutEnteringTheStep() {
        StepFixture walk = StepFixture.given(Campaigns.deadline("wait", "30s", Map.of())).audience(users)
                .sentToAll("send", T0);

        walk.whenEntered("wait", T0);

        walk.thenEmitted(PayloadCase.WORKFLOW_ENDED).thenWakesAt(0);
        assertThat(walk.events().getLast().getWorkflowEnded().getReason())
                .isEqualTo("step \"wait\" has an invalid delay \"30s\"");
        assertThat(walk.commands()).singleElement().satisfies(c ->
                assertThat(c.getFailCampaign().getReason()).isEqualTo("step \"wait\" has an invalid delay \"30s\""));
    }
}
