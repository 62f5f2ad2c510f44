package dev.pidgr.command.campaign;

import static dev.pidgr.command.campaign.CampaignFixture.CAMPAIGN;
import static dev.pidgr.command.campaign.CampaignFixture.campaign;
import static dev.pidgr.command.testing.Commands.finishNudge;
import static dev.pidgr.command.testing.Commands.nudge;
import static dev.pidgr.events.v1.RejectionCode.REJECTION_CODE_FAILED_PRECONDITION;
import static dev.pidgr.events.v1.RejectionCode.REJECTION_CODE_INVALID_ARGUMENT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pidgr.api.v1.DeliveryStatus;
import dev.pidgr.api.v1.SendReminderConfig;
import dev.pidgr.api.v1.StepType;
import dev.pidgr.api.v1.WorkflowDefinition;
import dev.pidgr.api.v1.WorkflowStep;
import dev.pidgr.command.decision.Violation;
import dev.pidgr.events.v1.CampaignEvent;
import dev.pidgr.events.v1.CampaignNudgeFinished;
import dev.pidgr.events.v1.CampaignNudged;
import dev.pidgr.events.v1.NudgeCampaign;
import org.junit.jupiter.api.Test;

class NudgeCampaignTest {

    private static final WorkflowDefinition WITH_REMINDERS = WorkflowDefinition.newBuilder()
            .addSteps(WorkflowStep.newBuilder().setId("send").setType(StepType.STEP_TYPE_SEND_NOTIFICATION)
                    .putTransitions("completed", "nag"))
            .addSteps(reminder("nag").putTransitions("completed", "nag-again"))
            .addSteps(reminder("nag-again"))
            .build();

    @Test
    void shouldRecordTheSelectorWithItsDefaultsResolved() {
        campaign().given(Given.created(WITH_REMINDERS, 0), Given.started())
                .when(nudge(CAMPAIGN, NudgeCampaign.newBuilder()))
                .then(CampaignNudged.newBuilder().addStatuses(DeliveryStatus.DELIVERY_STATUS_SENT)
                        .addStatuses(DeliveryStatus.DELIVERY_STATUS_DELIVERED).setRatePerSecond(1_000)
                        .setMessageStepId("nag").build());
    }

    @Test
    void shouldRecordTheNotificationStepWhenTheWorkflowHasNoReminder() {
        campaign().given(Given.created(0), Given.started())
                .when(nudge(CAMPAIGN, NudgeCampaign.newBuilder().addStatuses(DeliveryStatus.DELIVERY_STATUS_SENT)
                        .setUnreadOnly(true).addUserIds("ada").setRatePerSecond(10_000)))
                .then(CampaignNudged.newBuilder().addStatuses(DeliveryStatus.DELIVERY_STATUS_SENT)
                        .setUnreadOnly(true).addUserIds("ada").setRatePerSecond(10_000).build());
    }

    @Test
    void shouldUseTheReminderStepAskedFor() {
        campaign().given(Given.created(WITH_REMINDERS, 0), Given.started())
                .when(nudge(CAMPAIGN, NudgeCampaign.newBuilder().setMessageStepId("nag-again")))
                .then(CampaignNudged.newBuilder().addStatuses(DeliveryStatus.DELIVERY_STATUS_SENT)
                        .addStatuses(DeliveryStatus.DELIVERY_STATUS_DELIVERED).setRatePerSecond(1_000)
                        .setMessageStepId("nag-again").build());
    }

    @Test
    void shouldRefuseANudgeOfACampaignThatIsNotActive() {
        campaign().given(Given.created(0))
                .when(nudge(CAMPAIGN, NudgeCampaign.newBuilder()))
                .thenRejected(REJECTION_CODE_FAILED_PRECONDITION, "is CREATED; only an ACTIVE campaign can be nudged");
        campaign().given(Given.created(0), Given.started(), Given.cancelled())
                .when(nudge(CAMPAIGN, NudgeCampaign.newBuilder()))
                .thenRejected(REJECTION_CODE_FAILED_PRECONDITION, "is CANCELLED; only an ACTIVE campaign");
    }

    @Test
    void shouldRefuseASecondNudgeWhileOneIsInProgress() {
        campaign().given(Given.created(0), Given.started(), nudged())
                .when(nudge(CAMPAIGN, NudgeCampaign.newBuilder()))
                .thenRejected(REJECTION_CODE_FAILED_PRECONDITION, "has a nudge in progress (version 3)");
    }

    @Test
    void shouldFinishTheNudgeInProgressAndAcceptTheNextOne() {
        campaign().given(Given.created(0), Given.started(), nudged())
                .when(finishNudge(CAMPAIGN, 3, 40, 2))
                .then(CampaignNudgeFinished.newBuilder().setNudge(3).setReminded(40).setSkipped(2).build());
        campaign().given(Given.created(0), Given.started(), nudged(), finished(3))
                .when(nudge(CAMPAIGN, NudgeCampaign.newBuilder().setRatePerSecond(5)))
                .then(CampaignNudged.newBuilder().addStatuses(DeliveryStatus.DELIVERY_STATUS_SENT)
                        .addStatuses(DeliveryStatus.DELIVERY_STATUS_DELIVERED).setRatePerSecond(5).build());
    }

    @Test
    void shouldRefuseToFinishANudgeThatIsNotInProgress() {
        campaign().given(Given.created(0), Given.started(), nudged())
                .when(finishNudge(CAMPAIGN, 2, 0, 0))
                .thenRejected(REJECTION_CODE_FAILED_PRECONDITION, "has no nudge 2 in progress");
    }

    @Test
    void shouldNameEveryFieldOutOfBounds() {
        NudgeCampaign.Builder bad = NudgeCampaign.newBuilder().addStatuses(DeliveryStatus.DELIVERY_STATUS_SENT)
                .addStatuses(DeliveryStatus.DELIVERY_STATUS_MISSED).setRatePerSecond(10_001)
                .setMessageStepId("send");
        for (int i = 0; i <= NudgeRules.MAX_USERS; i++) {
            bad.addUserIds("user-" + i);
        }
        assertThat(campaign().given(Given.created(WITH_REMINDERS, 0), Given.started())
                .when(nudge(CAMPAIGN, bad))
                .thenRejected(REJECTION_CODE_INVALID_ARGUMENT, "").violations())
                .extracting(Violation::field)
                .containsExactly("statuses[1]", "user_ids", "rate_per_second", "message_step_id");
    }

    private static CampaignEvent.Builder nudged() {
        return CampaignEvent.newBuilder().setNudged(CampaignNudged.newBuilder().setRatePerSecond(1_000));
    }

    private static CampaignEvent.Builder finished(long nudge) {
        return CampaignEvent.newBuilder().setNudgeFinished(CampaignNudgeFinished.newBuilder().setNudge(nudge));
    }

    private static WorkflowStep.Builder reminder(String id) {
        return WorkflowStep.newBuilder().setId(id).setType(StepType.STEP_TYPE_SEND_REMINDER)
                .setSendReminder(SendReminderConfig.getDefaultInstance());
    }
}
