package dev.pidgr.api.campaign;

import dev.pidgr.api.grpc.ApiErrors;
import dev.pidgr.api.v1.Campaign;
import dev.pidgr.api.v1.SendNotificationConfig;
import dev.pidgr.api.v1.StepType;
import dev.pidgr.api.v1.WorkflowDefinition;
import dev.pidgr.api.v1.WorkflowStep;
import dev.pidgr.events.v1.StepTemplatePin;
import io.grpc.Status;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a preview renders (pure): the SEND_NOTIFICATION step whose message the chosen step delivers, and the
 * template version it renders. A SEND_REMINDER step re-notifies with the message of the notification that
 * precedes it on the walk (the workflow processor's fan-out step). The version is the one the start pinned;
 * before the start, the one Start would pin: the step's own version, else that template's latest now (version
 * 0 here), else the campaign's pinned version for a step without a template of its own.
 */
record PreviewPlan(WorkflowStep send, String templateId, int templateVersion) {

    static PreviewPlan of(Campaign campaign, List<StepTemplatePin> pins, String stepId) {
        WorkflowDefinition workflow = campaign.getWorkflow();
        WorkflowStep chosen = stepId.isEmpty() ? firstSendStep(workflow) : step(workflow, stepId);
        WorkflowStep send = chosen.getType() == StepType.STEP_TYPE_SEND_NOTIFICATION ? chosen
                : notificationBefore(workflow, chosen)
                        .orElseThrow(() -> ApiErrors.invalidArgument("step_id", "step \"" + chosen.getId()
                                + "\" is not preceded by a SEND_NOTIFICATION step, so it has no message"));
        for (StepTemplatePin pin : pins) {
            if (pin.getStepId().equals(send.getId())) {
                return new PreviewPlan(send, pin.getTemplateId(), pin.getTemplateVersion());
            }
        }
        SendNotificationConfig config = send.getSendNotification();
        boolean own = !config.getTemplateId().isEmpty();
        String templateId = own ? config.getTemplateId() : campaign.getTemplateId();
        int version = config.getTemplateVersion() != 0 ? config.getTemplateVersion()
                : own ? 0 : campaign.getTemplateVersion();
        return new PreviewPlan(send, templateId, version);
    }

    private static WorkflowStep firstSendStep(WorkflowDefinition workflow) {
        return workflow.getStepsList().stream().filter(PreviewPlan::sends).findFirst()
                .orElseThrow(() -> Status.FAILED_PRECONDITION
                        .withDescription("the campaign's workflow has no SEND_NOTIFICATION or SEND_REMINDER step")
                        .asRuntimeException());
    }

    private static WorkflowStep step(WorkflowDefinition workflow, String stepId) {
        WorkflowStep step = workflow.getStepsList().stream().filter(s -> s.getId().equals(stepId)).findFirst()
                .orElseThrow(() -> ApiErrors.invalidArgument("step_id", "the workflow has no step \"" + stepId + "\""));
        if (!sends(step)) {
            throw ApiErrors.invalidArgument("step_id",
                    "step \"" + stepId + "\" is not a SEND_NOTIFICATION or SEND_REMINDER step");
        }
        return step;
    }

    private static boolean sends(WorkflowStep step) {
        return step.getType() == StepType.STEP_TYPE_SEND_NOTIFICATION
                || step.getType() == StepType.STEP_TYPE_SEND_REMINDER;
    }

    /** The SEND_NOTIFICATION step last entered before {@code target} on the first path the walk reaches it by. */
    private static Optional<WorkflowStep> notificationBefore(WorkflowDefinition workflow, WorkflowStep target) {
        Map<String, WorkflowStep> byId = new HashMap<>();
        workflow.getStepsList().forEach(s -> byId.put(s.getId(), s));
        Map<String, WorkflowStep> lastSend = new HashMap<>();
        Deque<WorkflowStep> queue = new ArrayDeque<>();
        WorkflowStep entry = workflow.getSteps(0);
        queue.add(entry);
        lastSend.put(entry.getId(), null);
        while (!queue.isEmpty()) {
            WorkflowStep step = queue.poll();
            if (step.getId().equals(target.getId())) {
                return Optional.ofNullable(lastSend.get(step.getId()));
            }
            WorkflowStep sendSoFar = step.getType() == StepType.STEP_TYPE_SEND_NOTIFICATION ? step
                    : lastSend.get(step.getId());
            for (String next : new TreeMap<>(step.getTransitionsMap()).values()) {
                WorkflowStep successor = byId.get(next);
                if (successor != null && !lastSend.containsKey(next)) {
                    lastSend.put(next, sendSoFar);
                    queue.add(successor);
                }
            }
        }
        return Optional.empty();
    }
}
