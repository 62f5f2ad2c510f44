package dev.pidgr.workflow.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pidgr.api.v1.DeadlineCheckConfig;
import dev.pidgr.api.v1.SendReminderConfig;
import dev.pidgr.api.v1.StepType;
import dev.pidgr.api.v1.WorkflowStep;
import dev.pidgr.contract.step.Outcome;
import dev.pidgr.contract.step.TimingRules.Repetition;
import dev.pidgr.contract.step.Transitions;
import dev.pidgr.workflow.state.Counts;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WalkRulesTest {

    private static WorkflowStep step(Map<String, String> transitions) {
        return WorkflowStep.newBuilder()
                .setId("s")
                .setType(StepType.STEP_TYPE_CALL_WEBHOOK)
                .putAllTransitions(transitions)
                .build();
    }

    @Test
    void shouldFollowTheOutcomesTransition() {
        assertThat(Transitions.next(step(Map.of("completed", "a", "failed", "b")), Outcome.FAILED)).isEqualTo("b");
        assertThat(Transitions.next(step(Map.of("completed", "a")), Outcome.COMPLETED)).isEqualTo("a");
    }

    @Test
    void shouldFollowCompletedWhenFailedHasNoTransition() {
        assertThat(Transitions.next(step(Map.of("completed", "a")), Outcome.FAILED)).isEqualTo("a");
    }

    @Test
    void shouldEndWithoutATransitionOrOnEnd() {
        assertThat(Transitions.next(step(Map.of()), Outcome.COMPLETED)).isEqualTo("end");
        assertThat(Transitions.next(step(Map.of("completed", "end")), Outcome.COMPLETED)).isEqualTo("end");
        assertThat(Transitions.next(step(Map.of("completed", "a")), Outcome.ALL_ACKNOWLEDGED)).isEqualTo("end");
    }

    @Test
    void shouldSeeEveryoneAcknowledgedOnlyForANonEmptyAudience() {
        assertThat(WalkRules.allAcknowledged(Counts.newBuilder().setAcknowledged(3).build(), 3)).isTrue();
        assertThat(WalkRules.allAcknowledged(Counts.newBuilder().setAcknowledged(2).build(), 3)).isFalse();
        assertThat(WalkRules.allAcknowledged(Counts.getDefaultInstance(), 0)).isFalse();
    }

    @Test
    void shouldScheduleReminderRoundsBeforeTheDueTimeOnly() {
        Repetition every90m = new Repetition(Duration.ofMinutes(90), Duration.ofHours(3));

        assertThat(WalkRules.nextRoundAt(1_000, 1, every90m)).contains(1_000 + 90 * 60_000L);
        assertThat(WalkRules.nextRoundAt(1_000, 2, every90m)).isEmpty(); // 3h is the due time itself
        assertThat(WalkRules.dueAt(1_000, every90m)).isEqualTo(1_000 + 3 * 3_600_000L);
    }

    @Test
    void shouldReadDurationsAndRefuseInvalidOnes() {
        WorkflowStep deadline = WorkflowStep.newBuilder()
                .setId("d")
                .setDeadlineCheck(DeadlineCheckConfig.newBuilder().setDelay("1h30m"))
                .build();
        assertThat(WalkRules.deadlineDelay(deadline)).isEqualTo(Duration.ofMinutes(90));
        WorkflowStep bad = WorkflowStep.newBuilder()
                .setId("d")
                .setDeadlineCheck(DeadlineCheckConfig.newBuilder().setDelay("30s"))
                .build();
        assertThatThrownBy(() -> WalkRules.deadlineDelay(bad))
                .isInstanceOf(WorkflowException.class)
                .hasMessageContaining("\"d\"");
        WorkflowStep once = WorkflowStep.newBuilder()
                .setId("r")
                .setSendReminder(SendReminderConfig.getDefaultInstance())
                .build();
        assertThat(WalkRules.repetition(once)).isEmpty();
        WorkflowStep repeating = WorkflowStep.newBuilder().setId("r")
                .setSendReminder(SendReminderConfig.newBuilder().setRepeat("PT4H").setDueTime("PT24H")).build();
        assertThat(WalkRules.repetition(repeating)).contains(new Repetition(Duration.ofHours(4), Duration.ofHours(24)));
    }

    @Test
    void shouldCountWebhookPagesOfAThousand() {
        assertThat(WalkRules.pageCount(0, 1000)).isEqualTo(1);
        assertThat(WalkRules.pageCount(1000, 1000)).isEqualTo(1);
        assertThat(WalkRules.pageCount(2500, 1000)).isEqualTo(3);
    }
}
