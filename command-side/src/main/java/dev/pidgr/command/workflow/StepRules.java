package dev.pidgr.command.workflow;

import static dev.pidgr.command.workflow.StepMessages.step;

import dev.pidgr.api.v1.StepType;
import dev.pidgr.api.v1.WorkflowStep;
import dev.pidgr.command.decision.Text;
import dev.pidgr.command.decision.Violation;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The rules of one step taken alone: its id, its type, its config and its outcome labels. */
final class StepRules {

    static final int MAX_ID_LENGTH = 100;
    static final int MAX_TRANSITIONS = 10;

    private final ConfigRules configRules;

    StepRules(WebhookRules webhookRules) {
        this.configRules = new ConfigRules(webhookRules);
    }

    void check(WorkflowStep s, String path, List<Violation> out) {
        checkId(s, path, out);
        if (s.getType() == StepType.STEP_TYPE_UNSPECIFIED || s.getType() == StepType.UNRECOGNIZED) {
            out.add(new Violation(path + ".type", step(s) + "a step type is required"));
        } else {
            configRules.check(s, path, out);
            checkOutcomes(s, path, out);
        }
        if (s.getTransitionsCount() > MAX_TRANSITIONS) {
            out.add(new Violation(path + ".transitions", step(s) + "has " + s.getTransitionsCount()
                    + " transitions; at most " + MAX_TRANSITIONS + " are allowed"));
        }
    }

    private static void checkId(WorkflowStep s, String path, List<Violation> out) {
        if (s.getId().isEmpty()) {
            out.add(new Violation(path + ".id", "every step needs an id"));
        } else if (Text.length(s.getId()) > MAX_ID_LENGTH) {
            out.add(new Violation(path + ".id", "step id " + Text.quote(s.getId()) + " is longer than " + MAX_ID_LENGTH + " characters"));
        } else if (s.getId().equals(WorkflowValidator.END)) {
            out.add(new Violation(path + ".id", "step id \"end\" is reserved: it is the transition target that ends the workflow"));
        }
    }

    /** Every step yields completed; DEADLINE_CHECK may yield all_acknowledged; CALL_WEBHOOK may yield failed. */
    static Set<String> outcomes(StepType type) {
        return switch (type) {
            case STEP_TYPE_DEADLINE_CHECK -> Set.of("completed", "all_acknowledged");
            case STEP_TYPE_CALL_WEBHOOK -> Set.of("completed", "failed");
            case STEP_TYPE_SEND_NOTIFICATION, STEP_TYPE_SEND_REMINDER, STEP_TYPE_MARK_MISSED -> Set.of("completed");
            case STEP_TYPE_UNSPECIFIED, UNRECOGNIZED -> Set.of();
        };
    }

    private static void checkOutcomes(WorkflowStep s, String path, List<Violation> out) {
        Set<String> allowed = outcomes(s.getType());
        for (Map.Entry<String, String> t : s.getTransitionsMap().entrySet()) {
            if (!allowed.contains(t.getKey())) {
                out.add(new Violation(path + ".transitions[" + t.getKey() + "]", step(s) + "outcome "
                        + Text.quote(t.getKey()) + " is never yielded by a " + StepMessages.typeName(s.getType())
                        + " step (it yields: " + String.join(", ", allowed.stream().sorted().toList()) + ")"));
            }
        }
    }
}
