package dev.pidgr.command.workflow;

import dev.pidgr.api.v1.WorkflowDefinition;
import dev.pidgr.api.v1.WorkflowStep;
import dev.pidgr.command.decision.Violation;
import dev.pidgr.contract.step.Deployment;
import java.util.ArrayList;
import java.util.List;

/**
 * The workflow rules of docs/api.md ("Validation") as one pure function, applied on Create, Update and again at Start:
 * unique non-empty step ids, the config matching the type, outcome labels the step can yield,
 * transition targets that exist (or {@code end}), no cycles, every step reachable from the entry,
 * the size limits, durations in range, webhook URLs well-formed and allowed. No DNS, no I/O.
 * Every problem is reported (not just the first), each naming its step and rule.
 */
public final class WorkflowValidator {

    /** The maximum number of steps. */
    public static final int MAX_STEPS = 100;
    /**
     * The largest serialized workflow. It travels whole in CampaignCreated, CampaignUpdated and every
     * campaign snapshot, and those must stay well under the 1 MiB record limit of public topics.
     */
    public static final int MAX_SERIALIZED_BYTES = 512 * 1024;

    private final StepRules stepRules;

    public WorkflowValidator(boolean allowInsecureWebhooks) {
        this.stepRules = new StepRules(new Deployment(allowInsecureWebhooks));
    }

    /** Every problem of {@code workflow}, with field paths under {@code path} (e.g. "workflow"); empty when valid. */
    public List<Violation> validate(WorkflowDefinition workflow, String path) {
        List<Violation> out = new ArrayList<>();
        List<WorkflowStep> steps = workflow.getStepsList();
        if (steps.isEmpty()) {
            out.add(new Violation(path + ".steps", "the workflow needs at least one step"));
            return out;
        }
        if (steps.size() > MAX_STEPS) {
            out.add(new Violation(
                    path + ".steps",
                    "the workflow has " + steps.size() + " steps; at most " + MAX_STEPS + " are allowed"));
            return out;
        }
        int bytes = workflow.getSerializedSize();
        if (bytes > MAX_SERIALIZED_BYTES) {
            out.add(new Violation(
                    path,
                    "the workflow is " + bytes + " bytes when serialized; at most " + MAX_SERIALIZED_BYTES
                            + " are allowed"));
            return out;
        }
        for (int i = 0; i < steps.size(); i++) {
            stepRules.check(steps.get(i), path + ".steps[" + i + "]", out);
        }
        new GraphRules(steps, path).check(out);
        return out;
    }
}
