package dev.pidgr.command.campaign;

import static dev.pidgr.command.campaign.CampaignFixture.CAMPAIGN;
import static dev.pidgr.command.campaign.CampaignFixture.campaign;
import static dev.pidgr.command.testing.Commands.ORG;
import static dev.pidgr.command.testing.Commands.OTHER_ORG;
import static dev.pidgr.command.testing.Commands.create;
import static dev.pidgr.command.testing.Commands.createCampaign;
import static dev.pidgr.command.testing.Commands.members;
import static dev.pidgr.events.v1.RejectionCode.REJECTION_CODE_ABORTED;
import static dev.pidgr.events.v1.RejectionCode.REJECTION_CODE_ALREADY_EXISTS;
import static dev.pidgr.events.v1.RejectionCode.REJECTION_CODE_FAILED_PRECONDITION;
import static dev.pidgr.events.v1.RejectionCode.REJECTION_CODE_INVALID_ARGUMENT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pidgr.api.v1.AudienceMember;
import dev.pidgr.api.v1.SendNotificationConfig;
import dev.pidgr.api.v1.StepType;
import dev.pidgr.api.v1.WorkflowDefinition;
import dev.pidgr.api.v1.WorkflowStep;
import dev.pidgr.command.decision.EventIds;
import dev.pidgr.command.decision.Rejection;
import dev.pidgr.command.decision.Violation;
import dev.pidgr.command.testing.Commands;
import dev.pidgr.events.v1.CampaignAudienceAdded;
import dev.pidgr.events.v1.CampaignCommand;
import dev.pidgr.events.v1.CampaignCreated;
import dev.pidgr.events.v1.CampaignEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CreateCampaignTest {

    private static final String TEMPLATE = Given.TEMPLATE;

    private static CampaignFixture withTemplateVersions(int latest) {
        CampaignFixture f = campaign();
        for (int v = 1; v <= latest; v++) {
            f.templates.add(ORG, TEMPLATE, v);
        }
        return f;
    }

    private static CampaignCreated.Builder expectedCreated(int templateVersion, int members, int chunks) {
        return CampaignCreated.newBuilder().setName("Spring safety briefing").setTemplateId(TEMPLATE)
                .setTemplateVersion(templateVersion).setWorkflow(DefaultWorkflow.INSTANCE)
                .setTotalRecipients(members).setAudienceChunkCount(chunks);
    }

    @Test
    void shouldCreateDraftPinningTheLatestTemplateVersionWhenVersionIsZero() {
        withTemplateVersions(3)
                .when(create(CAMPAIGN, createCampaign(TEMPLATE, 2)))
                .then(
                        expectedCreated(3, 2, 1).build(),
                        CampaignAudienceAdded.newBuilder()
                                .setChunkIndex(0)
                                .setChunkCount(1)
                                .addAllMembers(members(2))
                                .build());
    }

    @Test
    void shouldPinTheRequestedTemplateVersion() {
        withTemplateVersions(3)
                .when(create(CAMPAIGN, createCampaign(TEMPLATE, 0).setTemplateVersion(2)))
                .then(expectedCreated(2, 0, 0).build());
    }

    @Test
    void shouldGiveTheDefaultWorkflowOfOneSendNotificationStepWhenNoneIsGiven() {
        List<CampaignEvent> events = withTemplateVersions(1)
                .when(create(CAMPAIGN, createCampaign(TEMPLATE, 0)))
                .events();

        WorkflowDefinition workflow = events.get(0).getCreated().getWorkflow();
        assertThat(workflow.getStepsList()).singleElement().satisfies(step -> {
            assertThat(step.getId()).isEqualTo("send");
            assertThat(step.getType()).isEqualTo(StepType.STEP_TYPE_SEND_NOTIFICATION);
            assertThat(step.getTransitionsMap()).isEmpty();
        });
    }

    @Test
    void shouldKeepTheGivenWorkflow() {
        WorkflowDefinition workflow = WorkflowDefinition.newBuilder().addSteps(WorkflowStep.newBuilder().setId("notify")
                .setType(StepType.STEP_TYPE_SEND_NOTIFICATION).putTransitions("completed", "end")).build();

        List<CampaignEvent> events = withTemplateVersions(1)
                .when(create(CAMPAIGN, createCampaign(TEMPLATE, 0).setWorkflow(workflow))).events();

        assertThat(events.get(0).getCreated().getWorkflow()).isEqualTo(workflow);
    }

    @Test
    void shouldStampEveryEventWithGapFreeVersionsAndIdsDerivedFromTheCommand() {
        CampaignCommand.Builder command = create(CAMPAIGN, createCampaign(TEMPLATE, 3));
        String commandId = command.getMetadata().getCommandId();

        List<CampaignEvent> events = withTemplateVersions(1).when(command).events();

        assertThat(events).extracting(CampaignEvent::getVersion).containsExactly(1L, 2L);
        assertThat(events)
                .extracting(CampaignEvent::getEventId)
                .containsExactly(EventIds.of(commandId, 0), EventIds.of(commandId, 1));
        assertThat(events).allSatisfy(e -> {
            assertThat(e.getCampaignId()).isEqualTo(CAMPAIGN);
            assertThat(e.getOrganizationId()).isEqualTo(ORG);
            assertThat(e.getOccurredAt()).isEqualTo(Commands.ISSUED_AT);
            assertThat(e.getCommandId()).isEqualTo(commandId);
            assertThat(e.getActor()).isEqualTo(Commands.ACTOR);
        });
    }

    @Test
    void shouldDecideTheSameCommandIdenticallyEveryTime() {
        CampaignCommand.Builder command = create(CAMPAIGN, createCampaign(TEMPLATE, 5));

        List<CampaignEvent> first = withTemplateVersions(1).when(command).events();
        List<CampaignEvent> second = withTemplateVersions(1).when(command).events();

        assertThat(second).isEqualTo(first);
    }

    @Test
    void shouldRejectACampaignThatAlreadyExists() {
        withTemplateVersions(1).given(Given.created(0))
                .when(create(CAMPAIGN, createCampaign(TEMPLATE, 0)))
                .thenRejected(REJECTION_CODE_ALREADY_EXISTS, "campaign " + CAMPAIGN + " already exists");
    }

    @Test
    void shouldRejectAnExpectedVersionOnANewCampaign() {
        CampaignCommand.Builder command = create(CAMPAIGN, createCampaign(TEMPLATE, 0));
        command.getMetadataBuilder().setExpectedVersion(4);

        Rejection r = withTemplateVersions(1).when(command).thenRejected(REJECTION_CODE_ABORTED, "expected version 4");

        assertThat(r.currentVersion()).isZero();
    }

    @Test
    void shouldRequireAName() {
        withTemplateVersions(1).when(create(CAMPAIGN, createCampaign(TEMPLATE, 0).setName("")))
                .thenRejected(REJECTION_CODE_INVALID_ARGUMENT, "name is required");
    }

    @Test
    void shouldRejectTextsLongerThan200Characters() {
        String long201 = "x".repeat(201);
        Rejection r = withTemplateVersions(1)
                .when(create(
                        CAMPAIGN,
                        createCampaign(TEMPLATE, 0)
                                .setName(long201)
                                .setSenderName(long201)
                                .setTitle(long201)))
                .thenRejected(REJECTION_CODE_INVALID_ARGUMENT, "name must be at most 200 characters");

        assertThat(r.violations()).extracting(Violation::field).containsExactly("name", "sender_name", "title");
    }

    @Test
    void shouldCountCharactersNotBytes() {
        String emoji200 = "\uD83D\uDE00".repeat(200);

        withTemplateVersions(1).when(create(CAMPAIGN, createCampaign(TEMPLATE, 0).setName(emoji200)))
                .then(expectedCreated(1, 0, 0).setName(emoji200).build());
    }

    @Test
    void shouldRejectATemplateIdThatIsNotAUuid() {
        withTemplateVersions(1).when(create(CAMPAIGN, createCampaign("tpl-1", 0)))
                .thenRejected(REJECTION_CODE_INVALID_ARGUMENT, "template_id \"tpl-1\" is not a UUID");
    }

    @Test
    void shouldRejectDuplicateUserIdsNamingBothPositions() {
        List<AudienceMember> audience = new ArrayList<>(members(3));
        audience.add(members(2).get(1));

        Rejection r = withTemplateVersions(1)
                .when(create(CAMPAIGN, createCampaign(TEMPLATE, 0).addAllAudience(audience)))
                .thenRejected(
                        REJECTION_CODE_INVALID_ARGUMENT,
                        "user_id \"user-00001\" appears more than once (first at audience[1])");

        assertThat(r.violations()).extracting(Violation::field).containsExactly("audience[3].user_id");
    }

    @Test
    void shouldRejectUserIdsOutsideOneTo200Characters() {
        Rejection r = withTemplateVersions(1).when(create(CAMPAIGN, createCampaign(TEMPLATE, 0)
                        .addAudience(AudienceMember.newBuilder().setUserId(""))
                        .addAudience(AudienceMember.newBuilder().setUserId("u".repeat(201)))))
                .thenRejected(REJECTION_CODE_INVALID_ARGUMENT, "user_id must be 1 to 200 characters");

        assertThat(r.violations())
                .extracting(Violation::field)
                .containsExactly("audience[0].user_id", "audience[1].user_id");
    }

    @Test
    void shouldRejectMemberVariablesOverTheirLimits() {
        AudienceMember.Builder many = AudienceMember.newBuilder().setUserId("many");
        for (int i = 0; i < 51; i++) {
            many.putVariables("v" + i, "x");
        }
        Rejection r = withTemplateVersions(1)
                .when(create(
                        CAMPAIGN,
                        createCampaign(TEMPLATE, 0)
                                .addAudience(many)
                                .addAudience(AudienceMember.newBuilder()
                                        .setUserId("long-key")
                                        .putVariables("k".repeat(101), "x"))
                                .addAudience(AudienceMember.newBuilder()
                                        .setUserId("long-value")
                                        .putVariables("city", "v".repeat(1001)))))
                .thenRejected(REJECTION_CODE_INVALID_ARGUMENT, "at most 50 variables");

        assertThat(r.violations()).extracting(Violation::field)
                .containsExactly("audience[0].variables", "audience[1].variables", "audience[2].variables[city]");
    }

    @Test
    void shouldRejectAnAudienceOfMoreThan100000Members() {
        withTemplateVersions(1)
                .when(create(CAMPAIGN, createCampaign(TEMPLATE, 100_001)))
                .thenRejected(
                        REJECTION_CODE_INVALID_ARGUMENT, "the audience has 100001 members; at most 100000 are allowed");
    }

    @Test
    void shouldReportAtMostTwentyAudienceProblems() {
        List<AudienceMember> empties = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            empties.add(AudienceMember.newBuilder().setUserId("").build());
        }
        Rejection r = withTemplateVersions(1)
                .when(create(CAMPAIGN, createCampaign(TEMPLATE, 0).addAllAudience(empties)))
                .thenRejected(REJECTION_CODE_INVALID_ARGUMENT, "(and 19 more problems)");

        assertThat(r.violations()).hasSize(20);
    }

    @Test
    void shouldRejectAnInvalidWorkflowNamingTheStepAndRule() {
        WorkflowDefinition workflow = WorkflowDefinition.newBuilder().addSteps(WorkflowStep.newBuilder().setId("send")
                .setType(StepType.STEP_TYPE_SEND_NOTIFICATION).putTransitions("completed", "remind")).build();

        Rejection r = withTemplateVersions(1)
                .when(create(CAMPAIGN, createCampaign(TEMPLATE, 0).setWorkflow(workflow)))
                .thenRejected(
                        REJECTION_CODE_INVALID_ARGUMENT,
                        "step \"send\": transition \"completed\" targets unknown step \"remind\"");

        assertThat(r.violations())
                .extracting(Violation::field)
                .containsExactly("workflow.steps[0].transitions[completed]");
    }

    @Test
    void shouldRejectAnUnknownTemplateAsAFailedPreconditionThatMayStillAppear() {
        Rejection r = campaign().when(create(CAMPAIGN, createCampaign(TEMPLATE, 0)))
                .thenRejected(REJECTION_CODE_FAILED_PRECONDITION, "template \"" + TEMPLATE + "\" does not exist");

        assertThat(r.violations()).extracting(Violation::field).containsExactly("template_id");
        assertThat(r.awaitingTemplate()).isTrue();
    }

    @Test
    void shouldRejectAnotherOrganizationsTemplateExactlyLikeAnUnknownOne() {
        CampaignFixture f = campaign();
        f.templates.add(OTHER_ORG, TEMPLATE, 1);

        Rejection foreign = f.when(create(CAMPAIGN, createCampaign(TEMPLATE, 0)))
                .thenRejected(REJECTION_CODE_FAILED_PRECONDITION, "does not exist");
        Rejection unknown = campaign().when(create(CAMPAIGN, createCampaign(TEMPLATE, 0)))
                .thenRejected(REJECTION_CODE_FAILED_PRECONDITION, "does not exist");

        assertThat(foreign.message()).isEqualTo(unknown.message());
        assertThat(foreign.violations()).isEqualTo(unknown.violations());
    }

    @Test
    void shouldRejectATemplateVersionThatDoesNotExistNamingTheVersion() {
        Rejection r = withTemplateVersions(2).when(create(CAMPAIGN, createCampaign(TEMPLATE, 0).setTemplateVersion(3)))
                .thenRejected(REJECTION_CODE_FAILED_PRECONDITION, "template \"" + TEMPLATE + "\" has no version 3");

        assertThat(r.violations()).extracting(Violation::field).containsExactly("template_version");
    }

    @Test
    void shouldRejectAStepTemplateThatDoesNotExist() {
        WorkflowDefinition workflow = WorkflowDefinition.newBuilder().addSteps(WorkflowStep.newBuilder().setId("send")
                .setType(StepType.STEP_TYPE_SEND_NOTIFICATION)
                .setSendNotification(SendNotificationConfig.newBuilder().setTemplateId(Given.OTHER_TEMPLATE))).build();

        Rejection r = withTemplateVersions(1)
                .when(create(CAMPAIGN, createCampaign(TEMPLATE, 0).setWorkflow(workflow)))
                .thenRejected(
                        REJECTION_CODE_FAILED_PRECONDITION, "template \"" + Given.OTHER_TEMPLATE + "\" does not exist");

        assertThat(r.violations())
                .extracting(Violation::field)
                .containsExactly("workflow.steps[0].send_notification.template_id");
    }
}
