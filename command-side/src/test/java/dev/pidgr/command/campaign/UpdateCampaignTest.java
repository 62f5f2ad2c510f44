package dev.pidgr.command.campaign;

import static dev.pidgr.command.campaign.CampaignFixture.CAMPAIGN;
import static dev.pidgr.command.campaign.CampaignFixture.campaign;
import static dev.pidgr.command.campaign.Given.OTHER_TEMPLATE;
import static dev.pidgr.command.campaign.Given.TEMPLATE;
import static dev.pidgr.command.testing.Commands.ORG;
import static dev.pidgr.command.testing.Commands.OTHER_ORG;
import static dev.pidgr.command.testing.Commands.update;
import static dev.pidgr.events.v1.RejectionCode.REJECTION_CODE_ABORTED;
import static dev.pidgr.events.v1.RejectionCode.REJECTION_CODE_FAILED_PRECONDITION;
import static dev.pidgr.events.v1.RejectionCode.REJECTION_CODE_INVALID_ARGUMENT;
import static dev.pidgr.events.v1.RejectionCode.REJECTION_CODE_NOT_FOUND;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pidgr.api.v1.StepType;
import dev.pidgr.api.v1.WorkflowDefinition;
import dev.pidgr.api.v1.WorkflowStep;
import dev.pidgr.command.decision.Rejection;
import dev.pidgr.command.decision.Violation;
import dev.pidgr.events.v1.CampaignCommand;
import dev.pidgr.events.v1.CampaignUpdated;
import dev.pidgr.events.v1.UpdateCampaign;
import org.junit.jupiter.api.Test;

class UpdateCampaignTest {

    private static final WorkflowDefinition TWO_STEPS = WorkflowDefinition.newBuilder()
            .addSteps(WorkflowStep.newBuilder().setId("send").setType(StepType.STEP_TYPE_SEND_NOTIFICATION)
                    .putTransitions("completed", "missed"))
            .addSteps(WorkflowStep.newBuilder().setId("missed").setType(StepType.STEP_TYPE_MARK_MISSED))
            .build();

    private static CampaignFixture draft() {
        CampaignFixture f = campaign().given(Given.created(0));
        f.templates.add(ORG, TEMPLATE, 1).add(ORG, TEMPLATE, 2).add(ORG, OTHER_TEMPLATE, 1).add(ORG, OTHER_TEMPLATE, 5);
        return f;
    }

    private static CampaignUpdated.Builder unchanged() {
        return CampaignUpdated.newBuilder()
                .setName("Spring safety briefing")
                .setTemplateId(TEMPLATE)
                .setTemplateVersion(1)
                .setWorkflow(DefaultWorkflow.INSTANCE);
    }

    @Test
    void shouldOverwriteOnlyTheFieldsThatAreSet() {
        draft().when(update(
                        CAMPAIGN,
                        UpdateCampaign.newBuilder()
                                .setTitle("Read before Monday")
                                .setSenderName("Safety team")))
                .then(unchanged()
                        .setTitle("Read before Monday")
                        .setSenderName("Safety team")
                        .addChangedFields("sender_name")
                        .addChangedFields("title")
                        .build());
    }

    @Test
    void shouldPinTheLatestVersionOfANewTemplateWhenVersionIsZero() {
        draft().when(update(CAMPAIGN, UpdateCampaign.newBuilder().setTemplateId(OTHER_TEMPLATE)))
                .then(unchanged().setTemplateId(OTHER_TEMPLATE).setTemplateVersion(5)
                        .addChangedFields("template_id").addChangedFields("template_version").build());
    }

    @Test
    void shouldRepinTheCurrentTemplateWhenOnlyAVersionIsGiven() {
        draft().when(update(CAMPAIGN, UpdateCampaign.newBuilder().setTemplateVersion(2)))
                .then(unchanged().setTemplateVersion(2).addChangedFields("template_version").build());
    }

    @Test
    void shouldReplaceTheWorkflow() {
        draft().when(update(CAMPAIGN, UpdateCampaign.newBuilder().setWorkflow(TWO_STEPS)))
                .then(unchanged().setWorkflow(TWO_STEPS).addChangedFields("workflow").build());
    }

    @Test
    void shouldAcceptAnUpdateThatChangesNothingWithoutAnEvent() {
        draft().when(update(CAMPAIGN, UpdateCampaign.newBuilder().setName("Spring safety briefing"))).then();
    }

    @Test
    void shouldRejectAnUpdateOfACampaignThatIsNoLongerADraft() {
        draft().given(Given.started())
                .when(update(CAMPAIGN, UpdateCampaign.newBuilder().setName("Renamed")))
                .thenRejected(REJECTION_CODE_FAILED_PRECONDITION, "is ACTIVE; only a CREATED campaign can be updated");
    }

    @Test
    void shouldRejectAnInvalidWorkflow() {
        WorkflowDefinition missedUnreachable = TWO_STEPS.toBuilder()
                .setSteps(0, TWO_STEPS.getSteps(0).toBuilder().clearTransitions()).build();

        Rejection r = draft().when(update(CAMPAIGN, UpdateCampaign.newBuilder().setWorkflow(missedUnreachable)))
                .thenRejected(
                        REJECTION_CODE_INVALID_ARGUMENT,
                        "step \"missed\": is not reachable from the entry step \"send\"");

        assertThat(r.violations()).extracting(Violation::field).containsExactly("workflow.steps[1]");
    }

    @Test
    void shouldRejectTextsLongerThan200Characters() {
        draft().when(update(CAMPAIGN, UpdateCampaign.newBuilder().setTitle("t".repeat(201))))
                .thenRejected(REJECTION_CODE_INVALID_ARGUMENT, "title must be at most 200 characters");
    }

    @Test
    void shouldRejectANewTemplateThatDoesNotExist() {
        String unknown = "7b2e9f0a-1c3d-4e5f-8a6b-7c8d9e0f1a2b";
        draft().when(update(CAMPAIGN, UpdateCampaign.newBuilder().setTemplateId(unknown)))
                .thenRejected(REJECTION_CODE_FAILED_PRECONDITION, "template \"" + unknown + "\" does not exist");
    }

    @Test
    void shouldRejectAVersionTheCurrentTemplateDoesNotHave() {
        draft().when(update(CAMPAIGN, UpdateCampaign.newBuilder().setTemplateVersion(9)))
                .thenRejected(REJECTION_CODE_FAILED_PRECONDITION, "template \"" + TEMPLATE + "\" has no version 9");
    }

    @Test
    void shouldAnswerNotFoundForAnUnknownCampaign() {
        campaign().when(update(CAMPAIGN, UpdateCampaign.newBuilder().setName("x")))
                .thenRejected(REJECTION_CODE_NOT_FOUND, "campaign " + CAMPAIGN + " not found");
    }

    @Test
    void shouldAnswerNotFoundForAnotherOrganizationsCampaign() {
        CampaignCommand.Builder command = update(CAMPAIGN, UpdateCampaign.newBuilder().setName("x"));
        command.getMetadataBuilder().setOrganizationId(OTHER_ORG);

        draft().when(command).thenRejected(REJECTION_CODE_NOT_FOUND, "campaign " + CAMPAIGN + " not found");
    }

    @Test
    void shouldAbortWhenTheExpectedVersionIsNotTheCurrentOne() {
        CampaignCommand.Builder command = update(CAMPAIGN, UpdateCampaign.newBuilder().setName("x"));
        command.getMetadataBuilder().setExpectedVersion(1);

        Rejection r = draft().given(Given.audience(dev.pidgr.command.testing.Commands.members(1)))
                .when(command).thenRejected(REJECTION_CODE_ABORTED, "expected version 1 but the current version is 2");

        assertThat(r.currentVersion()).isEqualTo(2);
    }

    @Test
    void shouldApplyWhenTheExpectedVersionIsTheCurrentOne() {
        CampaignCommand.Builder command = update(CAMPAIGN, UpdateCampaign.newBuilder().setName("Renamed"));
        command.getMetadataBuilder().setExpectedVersion(1);

        assertThat(draft().when(command).then(unchanged().setName("Renamed").addChangedFields("name").build()))
                .singleElement().satisfies(e -> assertThat(e.getVersion()).isEqualTo(2));
    }
}
