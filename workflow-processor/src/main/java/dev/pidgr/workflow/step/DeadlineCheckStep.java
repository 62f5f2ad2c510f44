package dev.pidgr.workflow.step;

import dev.pidgr.api.v1.WorkflowStep;
import dev.pidgr.workflow.run.Run;
import dev.pidgr.workflow.run.StepRunner;
import dev.pidgr.workflow.run.WalkRules;
import dev.pidgr.workflow.timer.WakeUps;
import java.util.Optional;

/**
 * DEADLINE_CHECK: sleeps for its delay, then yields {@code completed}; with an
 * {@code all_acknowledged} transition it yields that at once when everyone has acknowledged, on
 * entry here, or later through the walker when an acknowledgement arrives.
 */
public final class DeadlineCheckStep implements StepRunner {

    private final WakeUps wakeUps;

    public DeadlineCheckStep(WakeUps wakeUps) {
        this.wakeUps = wakeUps;
    }

    @Override
    public Entered enter(Run run, WorkflowStep step, long now) {
        if (WalkRules.deadlineEndsEarly(step, run.cursor().getCounts(), run.cursor().getAudienceSize())) {
            return Entered.finished(WalkRules.ALL_ACKNOWLEDGED);
        }
        long deadline = now + WalkRules.deadlineDelay(step).toMillis();
        wakeUps.schedule(run, deadline);
        return Entered.sleepingUntil(deadline);
    }

    @Override
    public Optional<String> wake(Run run, WorkflowStep step, long now) {
        long deadline = run.cursor().getStep().getEnteredAt() + WalkRules.deadlineDelay(step).toMillis();
        if (now >= deadline) {
            return Optional.of(WalkRules.COMPLETED);
        }
        wakeUps.schedule(run, deadline);
        return Optional.empty();
    }
}
