package dev.pidgr.command.workflow;

import dev.pidgr.api.v1.StepType;
import dev.pidgr.api.v1.WorkflowStep;
import dev.pidgr.command.decision.Text;

/** How messages name a step and its type. */
final class StepMessages {

    private StepMessages() {
    }

    /** {@code step "remind": }, the prefix of every message about one step. */
    static String step(WorkflowStep s) {
        return s.getId().isEmpty() ? "step without id: " : "step " + Text.quote(s.getId()) + ": ";
    }

    static String typeName(StepType type) {
        return type.name().replace("STEP_TYPE_", "");
    }
}
