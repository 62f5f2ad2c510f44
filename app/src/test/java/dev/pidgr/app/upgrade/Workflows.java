package dev.pidgr.app.upgrade;

import dev.pidgr.api.v1.CallWebhookConfig;
import dev.pidgr.api.v1.DeadlineCheckConfig;
import dev.pidgr.api.v1.SendNotificationConfig;
import dev.pidgr.api.v1.SendReminderConfig;
import dev.pidgr.api.v1.StepType;
import dev.pidgr.api.v1.WorkflowDefinition;
import dev.pidgr.api.v1.WorkflowStep;

/** The scenario's two workflows. */
final class Workflows {

    /** A port nobody listens on: every call is refused at once, the same way on every run. */
    static final String REFUSED_HOOK = "http://127.0.0.1:1/hook";

    private Workflows() {
    }

    /** Every step type: send, a deadline of 30 minutes, one reminder, missed, a webhook (refused). */
    static WorkflowDefinition everyStep() {
        return WorkflowDefinition.newBuilder()
                .addSteps(step("send", StepType.STEP_TYPE_SEND_NOTIFICATION, "deadline")
                        .setSendNotification(SendNotificationConfig.getDefaultInstance()))
                .addSteps(step("deadline", StepType.STEP_TYPE_DEADLINE_CHECK, "remind")
                        .setDeadlineCheck(DeadlineCheckConfig.newBuilder().setDelay("30m")))
                .addSteps(step("remind", StepType.STEP_TYPE_SEND_REMINDER, "missed")
                        .setSendReminder(SendReminderConfig.getDefaultInstance()))
                .addSteps(step("missed", StepType.STEP_TYPE_MARK_MISSED, "hook"))
                .addSteps(step("hook", StepType.STEP_TYPE_CALL_WEBHOOK, null)
                        .setCallWebhook(CallWebhookConfig.newBuilder().setName("hook").setUrl(REFUSED_HOOK)))
                .build();
    }

    /** Send, then a long wait (the campaign is failed while it waits). */
    static WorkflowDefinition sendAndWait() {
        return WorkflowDefinition.newBuilder()
                .addSteps(step("send", StepType.STEP_TYPE_SEND_NOTIFICATION, "wait")
                        .setSendNotification(SendNotificationConfig.getDefaultInstance()))
                .addSteps(step("wait", StepType.STEP_TYPE_DEADLINE_CHECK, null)
                        .setDeadlineCheck(DeadlineCheckConfig.newBuilder().setDelay("10h")))
                .build();
    }

    private static WorkflowStep.Builder step(String id, StepType type, String next) {
        WorkflowStep.Builder step = WorkflowStep.newBuilder().setId(id).setType(type);
        return next == null ? step : step.putTransitions("completed", next);
    }
}
