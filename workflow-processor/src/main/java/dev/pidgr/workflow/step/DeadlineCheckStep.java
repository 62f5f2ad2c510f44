package dev.pidgr.workflow.step;

import dev.pidgr.contract.step.Outcome;
import dev.pidgr.workflow.run.StepCall;
import dev.pidgr.workflow.run.StepDecision;
import dev.pidgr.workflow.run.StepRunner;
import dev.pidgr.workflow.run.WalkRules;
import java.util.Optional;

/**
 * DEADLINE_CHECK: sleeps for its delay, then yields {@code completed}; with an {@code all_acknowledged} transition
 * it yields that at once when everyone has acknowledged, on entry, or later when an acknowledgement arrives.
 */
final class DeadlineCheckStep implements StepRunner {

    @Override
    public StepDecision enter(StepCall call) {
        Optional<Outcome> early = everyoneAcknowledged(call)
                .filter(o -> WalkRules.allAcknowledged(call.run().cursor().getCounts(),
                        call.run().cursor().getAudienceSize()));
        if (early.isPresent()) {
            return StepDecision.finished(call.run(), early.get());
        }
        return StepDecision.sleepsUntil(call.run(), deadline(call));
    }

    @Override
    public StepDecision wake(StepCall call) {
        long deadline = deadline(call);
        return call.now() >= deadline ? StepDecision.finished(call.run(), Outcome.COMPLETED)
                : StepDecision.wakeAt(call.run(), deadline);
    }

    /** Ends early only when the workflow says where all_acknowledged leads. */
    @Override
    public Optional<Outcome> everyoneAcknowledged(StepCall call) {
        return call.step().containsTransitions(Outcome.ALL_ACKNOWLEDGED.label()) ? Optional.of(Outcome.ALL_ACKNOWLEDGED)
                : Optional.empty();
    }

    private static long deadline(StepCall call) {
        return call.state().getEnteredAt() + WalkRules.deadlineDelay(call.step()).toMillis();
    }
}
