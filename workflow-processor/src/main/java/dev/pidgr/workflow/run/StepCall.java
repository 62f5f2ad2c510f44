package dev.pidgr.workflow.run;

import dev.pidgr.api.v1.WorkflowStep;
import dev.pidgr.workflow.state.StepState;

/**
 * What a step sees when it is entered, woken, or told of an input: the run (its cursor names this step), the step,
 * the time, and what it may read.
 */
public record StepCall(Run run, WorkflowStep step, long now, RunReader reads) {

    /** The step's progress in the cursor. */
    public StepState state() {
        return run.cursor().getStep();
    }
}
