package dev.pidgr.command.campaign;

import static dev.pidgr.command.campaign.CampaignFixture.CAMPAIGN;
import static dev.pidgr.command.campaign.CampaignFixture.campaign;
import static dev.pidgr.command.campaign.Given.OTHER_TEMPLATE;
import static dev.pidgr.command.campaign.Given.TEMPLATE;
import static dev.pidgr.command.testing.Commands.ISSUED_AT;
import static dev.pidgr.command.testing.Commands.ORG;
import static dev.pidgr.command.testing.Commands.members;
import static dev.pidgr.command.testing.Commands.start;
import static dev.pidgr.command.testing.InMemoryCatalog.optional;
import static dev.pidgr.command.testing.InMemoryCatalog.required;
import static dev.pidgr.command.testing.InMemoryCatalog.requiredWithDefault;
import static dev.pidgr.events.v1.RejectionCode.REJECTION_CODE_FAILED_PRECONDITION;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pidgr.api.v1.AudienceMember;
import dev.pidgr.api.v1.CallWebhookConfig;
import dev.pidgr.api.v1.SendNotificationConfig;
import dev.pidgr.api.v1.StepType;
import dev.pidgr.api.v1.WorkflowDefinition;
import dev.pidgr.api.v1.WorkflowStep;
import dev.pidgr.command.decision.Rejection;
import dev.pidgr.command.decision.Violation;
import dev.pidgr.events.v1.CampaignStarted;
import dev.pidgr.events.v1.StepTemplatePin;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StartCampaignTest {

    private static CampaignFixture draftWith(WorkflowDefinition workflow, List<AudienceMember> audience) {
        CampaignFixture f = campaign().given(Given.created(workflow, audience.size()));
        if (!audience.isEmpty()) {
            f.given(Given.audience(audience));
        }
        f.templates.add(ORG, TEMPLATE, 1, required("first_name")).add(ORG, TEMPLATE, 2);
        return f;
    }

    private static List<AudienceMember> named(int count) {
        List<AudienceMember> audience = new ArrayList<>();
        for (AudienceMember m : members(count)) {
            audience.add(m.toBuilder().putVariables("first_name", "Ada").build());
        }
        return audience;
    }

    private static StepTemplatePin pin(String step, String template, int version) {
        return StepTemplatePin.newBuilder().setStepId(step).setTemplateId(template).setTemplateVersion(version).build();
    }

    @Test
    void shouldStartADraftPinningTheCampaignsTemplateForAStepWithoutOne() {
        draftWith(DefaultWorkflow.INSTANCE, named(2))
                .when(start(CAMPAIGN))
                .then(CampaignStarted.newBuilder()
                        .setStartedAt(ISSUED_AT)
                        .addTemplatePins(pin("send", TEMPLATE, 1))
                        .build());
    }

    @Test
    void shouldPinTheLatestVersionOfAStepsOwnTemplateAtStart() {
        WorkflowDefinition workflow = WorkflowDefinition.newBuilder()
                .addSteps(WorkflowStep.newBuilder().setId("send").setType(StepType.STEP_TYPE_SEND_NOTIFICATION)
                        .putTransitions("completed", "again"))
                .addSteps(WorkflowStep.newBuilder().setId("again").setType(StepType.STEP_TYPE_SEND_NOTIFICATION)
                        .setSendNotification(SendNotificationConfig.newBuilder().setTemplateId(OTHER_TEMPLATE)))
                .build();
        CampaignFixture f = draftWith(workflow, named(1));
        f.templates.add(ORG, OTHER_TEMPLATE, 1).add(ORG, OTHER_TEMPLATE, 4);

        f.when(start(CAMPAIGN)).then(CampaignStarted.newBuilder().setStartedAt(ISSUED_AT)
                .addTemplatePins(pin("send", TEMPLATE, 1)).addTemplatePins(pin("again", OTHER_TEMPLATE, 4)).build());
    }

    @Test
    void shouldRejectStartingACampaignThatIsNotADraft() {
        draftWith(DefaultWorkflow.INSTANCE, named(1)).given(Given.started())
                .when(start(CAMPAIGN))
                .thenRejected(
                        REJECTION_CODE_FAILED_PRECONDITION,
                        "is ACTIVE; only a CREATED or SCHEDULED campaign can be started");
        draftWith(DefaultWorkflow.INSTANCE, named(1))
                .given(Given.cancelled())
                .when(start(CAMPAIGN))
                .thenRejected(
                        REJECTION_CODE_FAILED_PRECONDITION,
                        "is CANCELLED; only a CREATED or SCHEDULED campaign can be started");
    }

    @Test
    void shouldRejectStartingWithAnEmptyAudience() {
        Rejection r = draftWith(DefaultWorkflow.INSTANCE, List.of()).when(start(CAMPAIGN))
                .thenRejected(REJECTION_CODE_FAILED_PRECONDITION, "has no audience members");

        assertThat(r.violations()).extracting(Violation::field).containsExactly("audience");
    }

    @Test
    void shouldRejectWhenThePinnedTemplateVersionIsMissing() {
        CampaignFixture f = campaign().given(Given.created(1), Given.audience(named(1)));
        f.templates.add(ORG, TEMPLATE, 2);

        Rejection r = f.when(start(CAMPAIGN))
                .thenRejected(REJECTION_CODE_FAILED_PRECONDITION, "template \"" + TEMPLATE + "\" has no version 1");

        assertThat(r.violations()).extracting(Violation::field).contains("template_version");
    }

    @Test
    void shouldRejectWhenAStepsPinnedTemplateVersionIsMissing() {
        WorkflowDefinition workflow = WorkflowDefinition.newBuilder()
                .addSteps(WorkflowStep.newBuilder()
                        .setId("send")
                        .setType(StepType.STEP_TYPE_SEND_NOTIFICATION)
                        .setSendNotification(SendNotificationConfig.newBuilder()
                                .setTemplateId(OTHER_TEMPLATE)
                                .setTemplateVersion(3)))
                .build();
        CampaignFixture f = draftWith(workflow, named(1));
        f.templates.add(ORG, OTHER_TEMPLATE, 1);

        Rejection r = f.when(start(CAMPAIGN))
                .thenRejected(
                        REJECTION_CODE_FAILED_PRECONDITION, "template \"" + OTHER_TEMPLATE + "\" has no version 3");

        assertThat(r.violations())
                .extracting(Violation::field)
                .containsExactly("workflow.steps[0].send_notification.template_version");
    }

    @Test
    void shouldRejectARequiredVariableMissingForSomeMembersNamingTheFirstFive() {
        List<AudienceMember> audience = new ArrayList<>(named(2));
        audience.addAll(members(9).subList(2, 9));

        Rejection r = draftWith(DefaultWorkflow.INSTANCE, audience)
                .when(start(CAMPAIGN))
                .thenRejected(
                        REJECTION_CODE_FAILED_PRECONDITION,
                        "required variable \"first_name\" of template " + TEMPLATE
                                + " version 1 (step \"send\") has no default and no value for 7 members, first: "
                                + "user-00002, user-00003, user-00004, user-00005, user-00006");

        assertThat(r.violations())
                .extracting(Violation::field)
                .containsExactly(
                        "audience[2].variables[first_name]",
                        "audience[3].variables[first_name]",
                        "audience[4].variables[first_name]",
                        "audience[5].variables[first_name]",
                        "audience[6].variables[first_name]");
    }

    @Test
    void shouldAcceptAMissingRequiredVariableThatHasADefault() {
        CampaignFixture f = campaign().given(Given.created(1), Given.audience(members(1)));
        f.templates.add(ORG, TEMPLATE, 1, requiredWithDefault("first_name", "colleague"), optional("city"));

        f.when(start(CAMPAIGN))
                .then(CampaignStarted.newBuilder()
                        .setStartedAt(ISSUED_AT)
                        .addTemplatePins(pin("send", TEMPLATE, 1))
                        .build());
    }

    @Test
    void shouldAcceptARequiredVariableTheStepSuppliesAsACustomVariable() {
        WorkflowDefinition workflow = WorkflowDefinition.newBuilder()
                .addSteps(WorkflowStep.newBuilder()
                        .setId("send")
                        .setType(StepType.STEP_TYPE_SEND_NOTIFICATION)
                        .setSendNotification(
                                SendNotificationConfig.newBuilder().putCustomVariables("first_name", "team")))
                .build();

        draftWith(workflow, members(3))
                .when(start(CAMPAIGN))
                .then(CampaignStarted.newBuilder()
                        .setStartedAt(ISSUED_AT)
                        .addTemplatePins(pin("send", TEMPLATE, 1))
                        .build());
    }

    @Test
    void shouldValidateTheWorkflowAgainAtStart() {
        WorkflowDefinition plainHttp = WorkflowDefinition.newBuilder()
                .addSteps(WorkflowStep.newBuilder().setId("send").setType(StepType.STEP_TYPE_SEND_NOTIFICATION)
                        .putTransitions("completed", "hook"))
                .addSteps(WorkflowStep.newBuilder().setId("hook").setType(StepType.STEP_TYPE_CALL_WEBHOOK)
                        .setCallWebhook(CallWebhookConfig.newBuilder().setUrl("http://hooks.example.com/pidgr")))
                .build();

        Rejection r = draftWith(plainHttp, named(1)).when(start(CAMPAIGN))
                .thenRejected(REJECTION_CODE_FAILED_PRECONDITION, "step \"hook\": url must use https");

        assertThat(r.violations()).extracting(Violation::field).containsExactly("workflow.steps[1].call_webhook.url");
    }
}
