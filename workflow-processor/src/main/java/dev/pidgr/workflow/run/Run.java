package dev.pidgr.workflow.run;

import dev.pidgr.api.v1.WorkflowStep;
import dev.pidgr.workflow.state.Cursor;
import dev.pidgr.workflow.state.RunSpec;
import dev.pidgr.workflow.state.RunStatus;
import java.util.Optional;

/**
 * One campaign's run as a decision sees it: what the command side decided (the spec) and where the walk stands
 * (the cursor). Immutable: a decision returns the run after it.
 */
public record Run(String campaignId, RunSpec spec, Cursor cursor) {

    /** The actor of everything the walk does by itself. */
    public static final String SYSTEM = "system:workflow";

    public Run with(Cursor next) {
        return new Run(campaignId, spec, next);
    }

    public Run with(RunSpec next) {
        return new Run(campaignId, next, cursor);
    }

    public boolean running() {
        return cursor.getStatus() == RunStatus.RUN_STATUS_RUNNING;
    }

    /** Whether the walk is over (ended or cancelled): interactions are then recorded "after end". */
    public boolean over() {
        return cursor.getStatus() == RunStatus.RUN_STATUS_ENDED || cursor.getStatus() == RunStatus.RUN_STATUS_CANCELLED;
    }

    /** The step being walked, when the run is walking. */
    public Optional<WorkflowStep> currentStep() {
        if (!running() || !cursor.hasStep()) {
            return Optional.empty();
        }
        return Optional.of(WalkRules.step(spec.getWorkflow(), cursor.getStep().getStepId()));
    }
}
