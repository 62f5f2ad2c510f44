package dev.pidgr.workflow.run;

import dev.pidgr.api.v1.WorkflowDefinition;
import dev.pidgr.api.v1.WorkflowStep;
import dev.pidgr.contract.Durations;
import dev.pidgr.workflow.state.Counts;
import java.time.Duration;
import java.util.Optional;

/** The walking rules of API.md, pure: which step comes next, and what a step waits for. */
public final class WalkRules {

    public static final String COMPLETED = "completed";
    public static final String ALL_ACKNOWLEDGED = "all_acknowledged";
    public static final String FAILED = "failed";
    public static final String END = "end";

    /** A SEND_REMINDER step's optional repetition. */
    public record Repetition(Duration repeat, Duration dueTime) {
    }

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

    /**
     * Where an outcome leads: {@code transitions[outcome]}; a {@code failed} without a transition
     * follows {@code completed}; no transition means {@link #END}.
     */
    public static String next(WorkflowStep step, String outcome) {
        String target = step.getTransitionsMap().get(outcome);
        if (target == null && FAILED.equals(outcome)) {
            target = step.getTransitionsMap().get(COMPLETED);
        }
        return target == null || target.isEmpty() ? END : target;
    }

    /** Whether every recipient has acknowledged (never for an empty audience). */
    public static boolean allAcknowledged(Counts counts, int audienceSize) {
        return audienceSize > 0 && counts.getAcknowledged() >= audienceSize;
    }

    /** Whether a DEADLINE_CHECK ends early now: it has an all_acknowledged transition and everyone acknowledged. */
    public static boolean deadlineEndsEarly(WorkflowStep step, Counts counts, int audienceSize) {
        return step.containsTransitions(ALL_ACKNOWLEDGED) && allAcknowledged(counts, audienceSize);
    }

    /** A DEADLINE_CHECK's delay. */
    public static Duration deadlineDelay(WorkflowStep step) {
        String delay = step.getDeadlineCheck().getDelay();
        return Durations.parseGo(delay)
                .filter(d -> Durations.within(d, Durations.DEADLINE_MIN, Durations.DEADLINE_MAX))
                .orElseThrow(() -> new WorkflowException("step \"" + step.getId() + "\" has an invalid delay \"" + delay + "\""));
    }

    /** A SEND_REMINDER's repetition, or empty when it reminds once. */
    public static Optional<Repetition> repetition(WorkflowStep step) {
        String repeat = step.getSendReminder().getRepeat();
        String due = step.getSendReminder().getDueTime();
        if (repeat.isEmpty() && due.isEmpty()) {
            return Optional.empty();
        }
        Optional<Duration> r = Durations.parseIso(repeat).filter(d -> Durations.within(d, Durations.REMINDER_MIN, Durations.REMINDER_MAX));
        Optional<Duration> d = Durations.parseIso(due).filter(x -> Durations.within(x, Durations.REMINDER_MIN, Durations.REMINDER_MAX));
        if (r.isEmpty() || d.isEmpty()) {
            throw new WorkflowException("step \"" + step.getId() + "\" has an invalid repeat or due_time");
        }
        return Optional.of(new Repetition(r.get(), d.get()));
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
