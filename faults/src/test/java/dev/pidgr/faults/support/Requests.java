package dev.pidgr.faults.support;

import dev.pidgr.api.v1.AudienceMember;
import dev.pidgr.api.v1.CallWebhookConfig;
import dev.pidgr.api.v1.CreateCampaignRequest;
import dev.pidgr.api.v1.CreateTemplateRequest;
import dev.pidgr.api.v1.SendNotificationConfig;
import dev.pidgr.api.v1.StepType;
import dev.pidgr.api.v1.TemplateVariable;
import dev.pidgr.api.v1.WorkflowDefinition;
import dev.pidgr.api.v1.WorkflowStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The requests the fault tests send: a template with one required variable, audiences, workflows. */
public final class Requests {

    private Requests() {
    }

    /** A Markdown template "Hello {{first_name}}" whose variable is required. */
    public static CreateTemplateRequest template(String name) {
        return CreateTemplateRequest.newBuilder().setName(name).setTitle("Policy for {{first_name}}")
                .setBody("Hello {{first_name}},\nplease read and acknowledge the policy.")
                .addVariables(TemplateVariable.newBuilder().setName("first_name").setRequired(true))
                .build();
    }

    /** Users {@code user-000000} .. {@code user-<members-1>}, zero-padded so their order is the fan-out's. */
    public static List<String> users(int members) {
        List<String> users = new ArrayList<>(members);
        for (int i = 0; i < members; i++) {
            users.add(String.format("user-%06d", i));
        }
        return users;
    }

    /** A campaign of {@code users}, each with their first_name, walking {@code workflow} (null: the default). */
    public static CreateCampaignRequest campaign(
            String name, String templateId, List<String> users, WorkflowDefinition workflow) {
        CreateCampaignRequest.Builder request = CreateCampaignRequest.newBuilder()
                .setName(name)
                .setTemplateId(templateId)
                .setSenderName("HR Team");
        for (String user : users) {
            request.addAudience(AudienceMember.newBuilder().setUserId(user).putVariables("first_name", "F" + user));
        }
        if (workflow != null) {
            request.setWorkflow(workflow);
        }
        return request.build();
    }

    /**
     * send, then a webhook to {@code url}; its {@code failed} outcome goes to a MARK_MISSED step, so the two are told
     * apart.
     */
    public static WorkflowDefinition sendThenWebhook(String url) {
        return WorkflowDefinition.newBuilder()
                .addSteps(WorkflowStep.newBuilder()
                        .setId("send")
                        .setType(StepType.STEP_TYPE_SEND_NOTIFICATION)
                        .setSendNotification(SendNotificationConfig.getDefaultInstance())
                        .putTransitions("completed", "hook"))
                .addSteps(WorkflowStep.newBuilder()
                        .setId("hook")
                        .setType(StepType.STEP_TYPE_CALL_WEBHOOK)
                        .setCallWebhook(CallWebhookConfig.newBuilder()
                                .setName("hook")
                                .setUrl(url)
                                .putHeaders("X-Team", "faults"))
                        .putAllTransitions(Map.of("completed", "end", "failed", "after-failure")))
                .addSteps(WorkflowStep.newBuilder().setId("after-failure").setType(StepType.STEP_TYPE_MARK_MISSED))
                .build();
    }
}
