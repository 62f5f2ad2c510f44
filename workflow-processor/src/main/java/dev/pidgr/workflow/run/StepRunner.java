package dev.pidgr.workflow.run;

import dev.pidgr.contract.step.Outcome;
import dev.pidgr.events.v1.WebhookResult;
import java.util.Optional;

/**
 * What one step type does, as pure decisions: reading through {@link StepCall#reads()}, writing nothing. Each
 * {@link dev.pidgr.contract.step.StepKind} has one (dev.pidgr.workflow.step.Runners); whatever a runner throws
 * fails its campaign, except Kafka's own exceptions (the walker's business).
 */
public interface StepRunner {

    /** The step was entered (its state in the cursor is fresh). */
    StepDecision enter(StepCall call);

    /** The step's wake-up came: one bounded piece of work. */
    StepDecision wake(StepCall call);

    /** Every recipient has acknowledged while the step runs: the outcome, if that finishes it. */
    default Optional<Outcome> everyoneAcknowledged(StepCall call) {
        return Optional.empty();
    }

    /** A webhook page's final result came back for this step: empty when it changes nothing (not a pending page). */
    default Optional<StepDecision> webhookResult(StepCall call, WebhookResult result) {
        return Optional.empty();
    }
}
