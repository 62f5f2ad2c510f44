package dev.pidgr.command.workflow;

import static dev.pidgr.command.workflow.StepMessages.step;

import dev.pidgr.api.v1.ActionType;
import dev.pidgr.api.v1.SendNotificationConfig;
import dev.pidgr.api.v1.StepType;
import dev.pidgr.api.v1.WorkflowStep;
import dev.pidgr.command.decision.Text;
import dev.pidgr.command.decision.Violation;
import java.util.List;
import java.util.Map;

/** A step's config must match its type; each config's own rules. */
final class ConfigRules {

    private final WebhookRules webhookRules;

    ConfigRules(WebhookRules webhookRules) {
        this.webhookRules = webhookRules;
    }

    void check(WorkflowStep s, String path, List<Violation> out) {
        WorkflowStep.ConfigCase expected = expectedConfig(s.getType());
        WorkflowStep.ConfigCase actual = s.getConfigCase();
        if (actual != WorkflowStep.ConfigCase.CONFIG_NOT_SET && actual != expected) {
            out.add(new Violation(path + "." + actual.name().toLowerCase(), step(s)
                    + (s.getType() == StepType.STEP_TYPE_MARK_MISSED ? "a MARK_MISSED step takes no config"
                    : "a " + StepMessages.typeName(s.getType()) + " step cannot have a " + actual.name().toLowerCase() + " config")));
            return;
        }
        switch (s.getType()) {
            case STEP_TYPE_SEND_NOTIFICATION -> sendNotification(s, path + ".send_notification", out);
            case STEP_TYPE_DEADLINE_CHECK -> TimingRules.deadline(s, path + ".deadline_check", out);
            case STEP_TYPE_SEND_REMINDER -> TimingRules.reminder(s, path + ".send_reminder", out);
            case STEP_TYPE_CALL_WEBHOOK -> webhookRules.check(s, path + ".call_webhook", out);
            case STEP_TYPE_MARK_MISSED, STEP_TYPE_UNSPECIFIED, UNRECOGNIZED -> { }
        }
    }

    private static WorkflowStep.ConfigCase expectedConfig(StepType type) {
        return switch (type) {
            case STEP_TYPE_SEND_NOTIFICATION -> WorkflowStep.ConfigCase.SEND_NOTIFICATION;
            case STEP_TYPE_DEADLINE_CHECK -> WorkflowStep.ConfigCase.DEADLINE_CHECK;
            case STEP_TYPE_SEND_REMINDER -> WorkflowStep.ConfigCase.SEND_REMINDER;
            case STEP_TYPE_CALL_WEBHOOK -> WorkflowStep.ConfigCase.CALL_WEBHOOK;
            case STEP_TYPE_MARK_MISSED, STEP_TYPE_UNSPECIFIED, UNRECOGNIZED -> WorkflowStep.ConfigCase.CONFIG_NOT_SET;
        };
    }

    /** A SEND_NOTIFICATION step without config is fine: every field has a default. */
    private static void sendNotification(WorkflowStep s, String path, List<Violation> out) {
        SendNotificationConfig c = s.getSendNotification();
        channel(s, path, c.getType(), out);
        if (!c.getTemplateId().isEmpty() && !Text.isUuid(c.getTemplateId())) {
            out.add(new Violation(path + ".template_id", step(s) + "template_id " + Text.quote(c.getTemplateId()) + " is not a UUID"));
        }
        if (c.getTemplateVersion() < 0) {
            out.add(new Violation(path + ".template_version", step(s) + "template_version must not be negative"));
        }
        if (Text.length(c.getActionLabel()) > 50) {
            out.add(new Violation(path + ".action_label", step(s) + "action_label must be at most 50 characters"));
        }
        if (c.getActionType() == ActionType.UNRECOGNIZED) {
            out.add(new Violation(path + ".action_type", step(s) + "action_type is not a known action type"));
        }
        if (c.getCustomVariablesCount() > 100) {
            out.add(new Violation(path + ".custom_variables", step(s) + "at most 100 custom_variables are allowed"));
        }
        for (Map.Entry<String, String> v : c.getCustomVariablesMap().entrySet()) {
            String field = path + ".custom_variables[" + v.getKey() + "]";
            if (v.getKey().isEmpty() || Text.length(v.getKey()) > 100) {
                out.add(new Violation(field, step(s) + "custom variable names must be 1 to 100 characters"));
            }
            if (Text.length(v.getValue()) > 10_000) {
                out.add(new Violation(field, step(s) + "custom variable " + Text.quote(v.getKey()) + " is longer than 10000 characters"));
            }
        }
    }

    static void channel(WorkflowStep s, String path, String type, List<Violation> out) {
        if (!type.isEmpty() && !type.equals("push")) {
            out.add(new Violation(path + ".type", step(s) + "channel " + Text.quote(type) + " is not supported (only \"push\")"));
        }
    }
}
