package dev.pidgr.command.campaign;

import dev.pidgr.api.v1.StepType;
import dev.pidgr.api.v1.WorkflowDefinition;
import dev.pidgr.api.v1.WorkflowStep;

/** The workflow of a campaign created without one: a single SEND_NOTIFICATION step with default config. */
public final class DefaultWorkflow {

    /** The id of the default workflow's only step. */
    public static final String STEP_ID = "send";

    public static final WorkflowDefinition INSTANCE = WorkflowDefinition.newBuilder()
            .addSteps(WorkflowStep.newBuilder().setId(STEP_ID).setType(StepType.STEP_TYPE_SEND_NOTIFICATION))
            .build();

    private DefaultWorkflow() {
    }
}
