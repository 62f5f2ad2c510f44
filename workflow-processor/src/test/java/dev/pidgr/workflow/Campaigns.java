package dev.pidgr.workflow;

import com.google.protobuf.util.Timestamps;
import dev.pidgr.api.v1.AudienceMember;
import dev.pidgr.api.v1.CallWebhookConfig;
import dev.pidgr.api.v1.CampaignStatus;
import dev.pidgr.api.v1.DeadlineCheckConfig;
import dev.pidgr.api.v1.SendNotificationConfig;
import dev.pidgr.api.v1.SendReminderConfig;
import dev.pidgr.api.v1.StepType;
import dev.pidgr.api.v1.TemplateType;
import dev.pidgr.api.v1.TemplateVariable;
import dev.pidgr.api.v1.WorkflowDefinition;
import dev.pidgr.api.v1.WorkflowStep;
import dev.pidgr.events.v1.CampaignAudienceAdded;
import dev.pidgr.events.v1.CampaignCancelled;
import dev.pidgr.events.v1.CampaignCreated;
import dev.pidgr.events.v1.CampaignEvent;
import dev.pidgr.events.v1.CampaignScheduled;
import dev.pidgr.events.v1.CampaignStarted;
import dev.pidgr.events.v1.StepTemplatePin;
import dev.pidgr.events.v1.TemplateCreated;
import dev.pidgr.events.v1.TemplateEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Test data: campaign and template events as the command side writes them, and workflows. */
public final class Campaigns {

    public static final String ORG = "org-1";
    public static final String TEMPLATE = "5f0c6a8e-2b7d-4c1e-9a3f-0d8e7b6c5a41";

    private Campaigns() {
    }

    public static TemplateEvent template(String body) {
        return TemplateEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setTemplateId(TEMPLATE)
                .setOrganizationId(ORG).setVersion(1)
                .setCreated(TemplateCreated.newBuilder().setName("t").setTitle("Hello {{name}}").setBody(body)
                        .setType(TemplateType.TEMPLATE_TYPE_MARKDOWN)
                        .addVariables(TemplateVariable.newBuilder().setName("name").setDefaultValue("there")))
                .build();
    }

    public static WorkflowStep send(String id, Map<String, String> transitions) {
        return WorkflowStep.newBuilder()
                .setId(id)
                .setType(StepType.STEP_TYPE_SEND_NOTIFICATION)
                .setSendNotification(SendNotificationConfig.getDefaultInstance())
                .putAllTransitions(transitions)
                .build();
    }

    public static WorkflowStep deadline(String id, String delay, Map<String, String> transitions) {
        return WorkflowStep.newBuilder()
                .setId(id)
                .setType(StepType.STEP_TYPE_DEADLINE_CHECK)
                .setDeadlineCheck(DeadlineCheckConfig.newBuilder().setDelay(delay))
                .putAllTransitions(transitions)
                .build();
    }

    public static WorkflowStep reminder(String id, String repeat, String due, Map<String, String> transitions) {
        return WorkflowStep.newBuilder().setId(id).setType(StepType.STEP_TYPE_SEND_REMINDER)
                .setSendReminder(SendReminderConfig.newBuilder().setRepeat(repeat).setDueTime(due))
                .putAllTransitions(transitions).build();
    }

    public static WorkflowStep missed(String id, Map<String, String> transitions) {
        return WorkflowStep.newBuilder()
                .setId(id)
                .setType(StepType.STEP_TYPE_MARK_MISSED)
                .putAllTransitions(transitions)
                .build();
    }

    public static WorkflowStep webhook(String id, String url, Map<String, String> transitions) {
        return WorkflowStep.newBuilder()
                .setId(id)
                .setType(StepType.STEP_TYPE_CALL_WEBHOOK)
                .setCallWebhook(CallWebhookConfig.newBuilder()
                        .setName("hook")
                        .setUrl(url)
                        .putHeaders("X-Team", "people"))
                .putAllTransitions(transitions)
                .build();
    }

    /** send -> deadline -> reminder -> missed -> webhook. */
    public static WorkflowDefinition defaultChain(String deadline, String webhookUrl) {
        return WorkflowDefinition.newBuilder()
                .addSteps(send("send", Map.of("completed", "deadline")))
                .addSteps(deadline("deadline", deadline, Map.of("completed", "remind")))
                .addSteps(reminder("remind", "", "", Map.of("completed", "missed")))
                .addSteps(missed("missed", Map.of("completed", "hook")))
                .addSteps(webhook("hook", webhookUrl, Map.of()))
                .build();
    }

    public static WorkflowDefinition workflow(WorkflowStep... steps) {
        return WorkflowDefinition.newBuilder().addAllSteps(List.of(steps)).build();
    }

    public static List<String> users(int count) {
        List<String> users = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            users.add(String.format("user-%06d", i));
        }
        return users;
    }

    /** CampaignCreated (version 1) and its audience in chunks (versions 2...). */
    public static List<CampaignEvent> created(
            String campaignId, WorkflowDefinition workflow, List<String> users, int chunkSize) {
        List<CampaignEvent> events = new ArrayList<>();
        int chunks = (users.size() + chunkSize - 1) / chunkSize;
        events.add(event(campaignId, 1)
                .setCreated(CampaignCreated.newBuilder()
                        .setName("Policy update")
                        .setTemplateId(TEMPLATE)
                        .setTemplateVersion(1)
                        .setWorkflow(workflow)
                        .setSenderName("People Team")
                        .setTotalRecipients(users.size())
                        .setAudienceChunkCount(chunks))
                .build());
        for (int c = 0; c < chunks; c++) {
            CampaignAudienceAdded.Builder chunk =
                    CampaignAudienceAdded.newBuilder().setChunkIndex(c).setChunkCount(chunks);
            for (String user : users.subList(c * chunkSize, Math.min(users.size(), (c + 1) * chunkSize))) {
                chunk.addMembers(AudienceMember.newBuilder().setUserId(user).putVariables("name", "N" + user));
            }
            events.add(event(campaignId, 2 + c).setAudienceAdded(chunk).build());
        }
        return events;
    }

    public static CampaignEvent started(String campaignId, long version, WorkflowDefinition workflow, long at) {
        CampaignStarted.Builder started = CampaignStarted.newBuilder().setStartedAt(Timestamps.fromMillis(at));
        for (WorkflowStep step : workflow.getStepsList()) {
            if (step.getType() == StepType.STEP_TYPE_SEND_NOTIFICATION) {
                started.addTemplatePins(StepTemplatePin.newBuilder()
                        .setStepId(step.getId())
                        .setTemplateId(TEMPLATE)
                        .setTemplateVersion(1));
            }
        }
        return event(campaignId, version).setStarted(started).build();
    }

    public static CampaignEvent scheduled(String campaignId, long version, long startAt) {
        return event(campaignId, version)
                .setScheduled(CampaignScheduled.newBuilder().setStartAt(Timestamps.fromMillis(startAt)))
                .build();
    }

    public static CampaignEvent cancelled(String campaignId, long version, long at) {
        return event(campaignId, version)
                .setCancelled(CampaignCancelled.newBuilder()
                        .setCancelledAt(Timestamps.fromMillis(at))
                        .setPreviousStatus(CampaignStatus.CAMPAIGN_STATUS_ACTIVE))
                .build();
    }

    public static CampaignEvent.Builder event(String campaignId, long version) {
        return CampaignEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setCampaignId(campaignId)
                .setOrganizationId(ORG)
                .setVersion(version)
                .setActor("manager-1")
                .setCommandId(UUID.randomUUID().toString());
    }
}
