package dev.pidgr.api.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.pidgr.api.auth.Permission;
import dev.pidgr.api.support.ApiHarness;
import dev.pidgr.api.support.Calls;
import dev.pidgr.api.support.TestTokens;
import dev.pidgr.api.v1.ActionType;
import dev.pidgr.api.v1.AudienceMember;
import dev.pidgr.api.v1.Campaign;
import dev.pidgr.api.v1.CampaignServiceGrpc.CampaignServiceBlockingStub;
import dev.pidgr.api.v1.CampaignStatus;
import dev.pidgr.api.v1.Message;
import dev.pidgr.api.v1.MessageAction;
import dev.pidgr.api.v1.MessagePreview;
import dev.pidgr.api.v1.PreviewCampaignRequest;
import dev.pidgr.api.v1.SendNotificationConfig;
import dev.pidgr.api.v1.SendReminderConfig;
import dev.pidgr.api.v1.StepType;
import dev.pidgr.api.v1.Template;
import dev.pidgr.api.v1.TemplateType;
import dev.pidgr.api.v1.TemplateVariable;
import dev.pidgr.api.v1.WorkflowDefinition;
import dev.pidgr.api.v1.WorkflowStep;
import dev.pidgr.contract.render.MessageTemplate;
import dev.pidgr.events.v1.StepTemplatePin;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** PreviewCampaign at the edge: the renderer the workflow delivers with, over the projection's reads. */
class PreviewServiceTest {

    private static final String TEMPLATE = UUID.randomUUID().toString();
    private static final String DRAFT = UUID.randomUUID().toString();
    private static final String ACTIVE = UUID.randomUUID().toString();
    private static final WorkflowDefinition WORKFLOW = WorkflowDefinition.newBuilder()
            .addSteps(WorkflowStep.newBuilder().setId("wait").setType(StepType.STEP_TYPE_DEADLINE_CHECK)
                    .putTransitions("completed", "send"))
            .addSteps(WorkflowStep.newBuilder().setId("send").setType(StepType.STEP_TYPE_SEND_NOTIFICATION)
                    .setSendNotification(SendNotificationConfig.newBuilder().setActionLabel("Got it")
                            .putCustomVariables("team", "People"))
                    .putTransitions("completed", "remind"))
            .addSteps(WorkflowStep.newBuilder().setId("remind").setType(StepType.STEP_TYPE_SEND_REMINDER)
                    .setSendReminder(SendReminderConfig.getDefaultInstance()).putTransitions("completed", "end"))
            .build();
    private static final AudienceMember ANA =
            AudienceMember.newBuilder().setUserId("ana").putVariables("first_name", "Ana").build();
    private static final AudienceMember BO = AudienceMember.newBuilder().setUserId("bo").build();
    private static ApiHarness api;
    private static CampaignServiceBlockingStub viewer;

    @BeforeAll
    static void start() throws Exception {
        api = new ApiHarness();
        viewer = api.stub(
                CampaignServiceBlockingStub.class, TestTokens.token("v", TestTokens.ORG, Permission.VIEW_CAMPAIGNS));
        api.reads.project(TestTokens.ORG, template(1, "Hello {{first_name}}"));
        api.reads.project(TestTokens.ORG, template(2, "Hi {{first_name}} from {{team}} {{city}}"));
        api.reads.project(TestTokens.ORG, campaign(DRAFT, CampaignStatus.CAMPAIGN_STATUS_CREATED, 2));
        api.reads.project(TestTokens.ORG, campaign(ACTIVE, CampaignStatus.CAMPAIGN_STATUS_ACTIVE, 2));
        api.reads.addMembers(TestTokens.ORG, DRAFT, ANA, BO);
        api.reads.addMembers(TestTokens.ORG, ACTIVE, ANA, BO);
        api.reads.addPins(TestTokens.ORG, ACTIVE,
                StepTemplatePin.newBuilder().setStepId("send").setTemplateId(TEMPLATE).setTemplateVersion(1).build());
    }

    private static Template template(int version, String body) {
        return Template.newBuilder().setId(TEMPLATE).setVersion(version).setType(TemplateType.TEMPLATE_TYPE_MARKDOWN)
                .setTitle("Policy for {{first_name}}").setBody(body)
                .addVariables(TemplateVariable.newBuilder().setName("first_name").setDefaultValue("colleague"))
                .build();
    }

    private static Campaign campaign(String id, CampaignStatus status, int templateVersion) {
        return Campaign.newBuilder().setId(id).setVersion(3).setStatus(status).setTemplateId(TEMPLATE)
                .setTemplateVersion(templateVersion).setSenderName("HR").setWorkflow(WORKFLOW).build();
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    @Test
    void shouldRenderEachMemberAsTheWorkflowWouldDeliverIt() {
        List<MessagePreview> previews = viewer.previewCampaign(
                PreviewCampaignRequest.newBuilder().setId(DRAFT).addUserIds("bo").addUserIds("ana").build())
                .getPreviewsList();

        MessageTemplate delivered = MessageTemplate.compile(DRAFT, "", "HR",
                WORKFLOW.getSteps(1).getSendNotification(), template(2, "Hi {{first_name}} from {{team}} {{city}}"));
        Message expected = delivered.message(delivered.render(ANA.getVariablesMap()),
                com.google.protobuf.Timestamp.getDefaultInstance()).toBuilder().clearCreatedAt().build();
        assertThat(previews).extracting(MessagePreview::getUserId).containsExactly("bo", "ana");
        assertThat(previews.get(1).getMessage()).isEqualTo(expected);
        assertThat(expected.getBody()).isEqualTo("Hi Ana from People ");
        assertThat(expected.getTitle()).isEqualTo("Policy for Ana");
        assertThat(expected.getContentId()).hasSize(64);
        assertThat(expected.getActionsList()).containsExactly(MessageAction.newBuilder().setId("ack")
                .setType(ActionType.ACTION_TYPE_ACK).setLabel("Got it").build());
        assertThat(previews.get(0).getMessage().getBody()).isEqualTo("Hi colleague from People ");
        assertThat(previews.get(1).getMissingVariablesList()).containsExactly("city");
    }

    @Test
    void shouldRenderTheVersionTheStartPinned() {
        MessagePreview preview = viewer.previewCampaign(
                PreviewCampaignRequest.newBuilder().setId(ACTIVE).addUserIds("ana").build()).getPreviews(0);

        assertThat(preview.getMessage().getBody()).isEqualTo("Hello Ana");
        assertThat(preview.getMissingVariablesList()).isEmpty();
    }

    @Test
    void shouldPreviewAReminderWithTheMessageOfTheNotificationBeforeIt() {
        MessagePreview reminder = viewer.previewCampaign(PreviewCampaignRequest.newBuilder().setId(ACTIVE)
                .addUserIds("ana").setStepId("remind").build()).getPreviews(0);

        assertThat(reminder.getMessage().getBody()).isEqualTo("Hello Ana");
    }

    @Test
    void shouldNameEveryRequestedUserOutsideTheAudience() {
        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class,
                () -> viewer.previewCampaign(PreviewCampaignRequest.newBuilder().setId(DRAFT)
                        .addUserIds("ana").addUserIds("mallory").addUserIds("eve").build()));

        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(Calls.badRequest(error).orElseThrow().getFieldViolationsList())
                .extracting(v -> v.getField()).containsExactly("user_ids[1]", "user_ids[2]");
    }

    @Test
    void shouldRefuseAStepThatSendsNothing() {
        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class,
                () -> viewer.previewCampaign(PreviewCampaignRequest.newBuilder().setId(DRAFT)
                        .addUserIds("ana").setStepId("wait").build()));

        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(Calls.badRequest(error).orElseThrow().getFieldViolations(0).getField()).isEqualTo("step_id");
    }

    @Test
    void shouldRefuseMoreThanTwentyMembers() {
        PreviewCampaignRequest.Builder request = PreviewCampaignRequest.newBuilder().setId(DRAFT);
        for (int i = 0; i < 21; i++) {
            request.addUserIds("u" + i);
        }

        StatusRuntimeException error =
                catchThrowableOfType(StatusRuntimeException.class, () -> viewer.previewCampaign(request.build()));

        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(Calls.badRequest(error).orElseThrow().getFieldViolations(0).getField()).isEqualTo("user_ids");
    }

    @Test
    void shouldHideAnotherOrganizationsCampaignAsNotFound() {
        var other = api.stub(CampaignServiceBlockingStub.class,
                TestTokens.token("e", TestTokens.OTHER_ORG, Permission.VIEW_CAMPAIGNS));

        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class,
                () -> other.previewCampaign(
                        PreviewCampaignRequest.newBuilder().setId(DRAFT).addUserIds("ana").build()));

        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    }
}
