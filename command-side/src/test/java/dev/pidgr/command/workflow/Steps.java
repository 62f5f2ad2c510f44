package dev.pidgr.command.workflow;

import dev.pidgr.api.v1.CallWebhookConfig;
import dev.pidgr.api.v1.DeadlineCheckConfig;
import dev.pidgr.api.v1.SendReminderConfig;
import dev.pidgr.api.v1.StepType;
import dev.pidgr.api.v1.WorkflowDefinition;
import dev.pidgr.api.v1.WorkflowStep;

/** Workflow steps for validator tests. */
final class Steps {

    private Steps() {
    }

    static WorkflowStep.Builder send(String id) {
        return WorkflowStep.newBuilder().setId(id).setType(StepType.STEP_TYPE_SEND_NOTIFICATION);
    }

    static WorkflowStep.Builder deadline(String id, String delay) {
        return WorkflowStep.newBuilder().setId(id).setType(StepType.STEP_TYPE_DEADLINE_CHECK)
                .setDeadlineCheck(DeadlineCheckConfig.newBuilder().setDelay(delay));
    }

    static WorkflowStep.Builder remind(String id) {
        return WorkflowStep.newBuilder().setId(id).setType(StepType.STEP_TYPE_SEND_REMINDER)
                .setSendReminder(SendReminderConfig.getDefaultInstance());
    }

    static WorkflowStep.Builder missed(String id) {
        return WorkflowStep.newBuilder().setId(id).setType(StepType.STEP_TYPE_MARK_MISSED);
    }

    static WorkflowStep.Builder webhook(String id, String url) {
        return WorkflowStep.newBuilder().setId(id).setType(StepType.STEP_TYPE_CALL_WEBHOOK)
                .setCallWebhook(CallWebhookConfig.newBuilder().setUrl(url));
    }

    static WorkflowDefinition workflow(WorkflowStep.Builder... steps) {
        WorkflowDefinition.Builder w = WorkflowDefinition.newBuilder();
        for (WorkflowStep.Builder s : steps) {
            w.addSteps(s);
        }
        return w.build();
    }

    /** send -> deadline -> reminder -> mark missed -> webhook, with an early exit when everyone acknowledged. */
    static WorkflowDefinition defaultChain() {
        return workflow(
                send("send").putTransitions("completed", "deadline"),
                deadline("deadline", "72h")
                        .putTransitions("completed", "remind")
                        .putTransitions("all_acknowledged", "end"),
                remind("remind")
                        .setSendReminder(SendReminderConfig.newBuilder()
                                .setRepeat("PT4H")
                                .setDueTime("PT24H"))
                        .putTransitions("completed", "missed"),
                missed("missed").putTransitions("completed", "report"),
                webhook("report", "https://hooks.example.com/pidgr").putTransitions("failed", "end"));
    }
}
