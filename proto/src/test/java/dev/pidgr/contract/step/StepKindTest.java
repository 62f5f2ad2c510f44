package dev.pidgr.contract.step;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pidgr.api.v1.StepType;
import dev.pidgr.api.v1.WorkflowStep;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StepKindTest {

    @Test
    void shouldDescribeEveryStepTypeOnce() {
        for (StepType type : StepType.values()) {
            if (type == StepType.STEP_TYPE_UNSPECIFIED || type == StepType.UNRECOGNIZED) {
                assertThat(StepKind.of(type)).isEmpty();
            } else {
                assertThat(StepKind.of(type)).map(StepKind::type).contains(type);
                assertThat(Arrays.stream(StepKind.values()).filter(k -> k.type() == type)).hasSize(1);
            }
        }
    }

    @Test
    void shouldLetEveryStepYieldCompletedAndOnlyTwoTypesMore() {
        assertThat(StepKind.values()).allSatisfy(kind -> assertThat(kind.yields("completed")).isTrue());
        assertThat(StepKind.DEADLINE_CHECK.outcomeLabels()).isEqualTo("all_acknowledged, completed");
        assertThat(StepKind.CALL_WEBHOOK.outcomeLabels()).isEqualTo("completed, failed");
        assertThat(StepKind.SEND_REMINDER.yields("failed")).isFalse();
        assertThat(StepKind.MARK_MISSED.yields("Completed")).isFalse();
    }

    @Test
    void shouldFollowTheOutcomesTransitionOrEnd() {
        WorkflowStep hook = WorkflowStep.newBuilder().setId("hook").putAllTransitions(Map.of("completed", "missed"))
                .build();

        assertThat(Transitions.next(hook, Outcome.COMPLETED)).isEqualTo("missed");
        assertThat(Transitions.next(hook, Outcome.FAILED)).as("failed without a transition follows completed")
                .isEqualTo("missed");
        assertThat(Transitions.next(hook, Outcome.ALL_ACKNOWLEDGED)).isEqualTo(Transitions.END);
        assertThat(Transitions.next(hook.toBuilder().putTransitions("completed", "").build(), Outcome.COMPLETED))
                .isEqualTo("end");
    }
}
