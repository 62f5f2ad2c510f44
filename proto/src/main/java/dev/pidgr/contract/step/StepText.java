package dev.pidgr.contract.step;

import dev.pidgr.api.v1.StepType;
import dev.pidgr.api.v1.WorkflowStep;
import dev.pidgr.contract.Text;

/** How messages name a step and its type. */
public final class StepText {

    private StepText() {
    }

    /** {@code step "remind": }, the prefix of every message about one step. */
    public static String step(WorkflowStep s) {
        return s.getId().isEmpty() ? "step without id: " : "step " + Text.quote(s.getId()) + ": ";
    }

    /** {@code SEND_REMINDER} for {@code STEP_TYPE_SEND_REMINDER}. */
    public static String typeName(StepType type) {
        return type.name().replace("STEP_TYPE_", "");
    }
}
