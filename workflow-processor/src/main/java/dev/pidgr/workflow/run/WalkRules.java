package dev.pidgr.workflow.run;

import dev.pidgr.api.v1.WorkflowDefinition;
import dev.pidgr.api.v1.WorkflowStep;
import dev.pidgr.contract.step.TimingRules;
import dev.pidgr.contract.step.TimingRules.Repetition;
import dev.pidgr.workflow.state.Counts;
import java.time.Duration;
import java.util.Optional;

/**
 * The walking rules (docs/workflow.md), pure: which step is which, and what a step waits for. Where an outcome
 * leads is {@link dev.pidgr.contract.step.Transitions}, shared with the command side's validation.
 */
public final class WalkRules {

    private WalkRules() {
    }

    /** The entry step: the first in the list. */
    public static WorkflowStep entry(WorkflowDefinition workflow) {
        if (workflow.getStepsCount() == 0) {
            throw new WorkflowException("the workflow has no steps");
        }
        return workflow.getSteps(0);
    }

    /** The step with {@code id}. */
    public static WorkflowStep step(WorkflowDefinition workflow, String id) {
        for (WorkflowStep step : workflow.getStepsList()) {
            if (step.getId().equals(id)) {
                return step;
            }
        }
        throw new WorkflowException("the workflow has no step \"" + id + "\"");
    }

    /** Whether every recipient has acknowledged (never for an empty audience). */
    public static boolean allAcknowledged(Counts counts, int audienceSize) {
        return audienceSize > 0 && counts.getAcknowledged() >= audienceSize;
    }

    /** A DEADLINE_CHECK's delay. */
    public static Duration deadlineDelay(WorkflowStep step) {
        return TimingRules.delay(step).orElseThrow(() -> new WorkflowException("step \"" + step.getId()
                + "\" has an invalid delay \"" + step.getDeadlineCheck().getDelay() + "\""));
    }

    /** A SEND_REMINDER's repetition, or empty when it reminds once. */
    public static Optional<Repetition> repetition(WorkflowStep step) {
        if (!TimingRules.repeats(step)) {
            return Optional.empty();
        }
        return Optional.of(TimingRules.repetition(step).orElseThrow(() -> new WorkflowException("step \""
                + step.getId() + "\" has an invalid repeat or due_time")));
    }

    /**
     * When the reminder round after {@code roundsDone} rounds is due: entered + roundsDone x repeat,
     * or empty when that is not before the due time (the step then completes at the due time).
     */
    public static Optional<Long> nextRoundAt(long enteredAt, int roundsDone, Repetition repetition) {
        long next = enteredAt + roundsDone * repetition.repeat().toMillis();
        return next < dueAt(enteredAt, repetition) ? Optional.of(next) : Optional.empty();
    }

    /** When a repeating SEND_REMINDER completes. */
    public static long dueAt(long enteredAt, Repetition repetition) {
        return enteredAt + repetition.dueTime().toMillis();
    }

    /** Pages of a webhook step: 1,000 deliveries each, at least one page. */
    public static int pageCount(int deliveries, int perPage) {
        return Math.max(1, (deliveries + perPage - 1) / perPage);
    }
}
