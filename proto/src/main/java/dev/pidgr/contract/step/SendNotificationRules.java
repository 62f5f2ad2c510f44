package dev.pidgr.contract.step;

import static dev.pidgr.contract.step.StepText.step;

import dev.pidgr.api.v1.ActionType;
import dev.pidgr.api.v1.SendNotificationConfig;
import dev.pidgr.api.v1.WorkflowStep;
import dev.pidgr.contract.Text;
import java.util.Map;

/** SEND_NOTIFICATION config rules. A step without config is fine: every field has a default. */
final class SendNotificationRules {

    private SendNotificationRules() {
    }

    static void check(WorkflowStep s, String path, Deployment deployment, Problems out) {
        SendNotificationConfig c = s.getSendNotification();
        channel(s, path, c.getType(), out);
        if (!c.getTemplateId().isEmpty() && !Text.isUuid(c.getTemplateId())) {
            out.add(path + ".template_id", step(s) + "template_id " + Text.quote(c.getTemplateId()) + " is not a UUID");
        }
        if (c.getTemplateVersion() < 0) {
            out.add(path + ".template_version", step(s) + "template_version must not be negative");
        }
        if (Text.length(c.getActionLabel()) > 50) {
            out.add(path + ".action_label", step(s) + "action_label must be at most 50 characters");
        }
        if (c.getActionType() == ActionType.UNRECOGNIZED) {
            out.add(path + ".action_type", step(s) + "action_type is not a known action type");
        }
        if (c.getCustomVariablesCount() > 100) {
            out.add(path + ".custom_variables", step(s) + "at most 100 custom_variables are allowed");
        }
        for (Map.Entry<String, String> v : c.getCustomVariablesMap().entrySet()) {
            String field = path + ".custom_variables[" + v.getKey() + "]";
            if (v.getKey().isEmpty() || Text.length(v.getKey()) > 100) {
                out.add(field, step(s) + "custom variable names must be 1 to 100 characters");
            }
            if (Text.length(v.getValue()) > 10_000) {
                out.add(field, step(s) + "custom variable " + Text.quote(v.getKey())
                        + " is longer than 10000 characters");
            }
        }
    }

    /** The channel of a message: empty or {@code push}. */
    static void channel(WorkflowStep s, String path, String type, Problems out) {
        if (!type.isEmpty() && !type.equals("push")) {
            out.add(path + ".type", step(s) + "channel " + Text.quote(type) + " is not supported (only \"push\")");
        }
    }
}
