package dev.pidgr.command.campaign;

import static dev.pidgr.command.campaign.CampaignFixture.CAMPAIGN;
import static dev.pidgr.command.campaign.CampaignFixture.campaign;
import static dev.pidgr.command.testing.Commands.ISSUED_AT;
import static dev.pidgr.command.testing.Commands.OTHER_ORG;
import static dev.pidgr.command.testing.Commands.cancel;
import static dev.pidgr.command.testing.Commands.complete;
import static dev.pidgr.command.testing.Commands.fail;
import static dev.pidgr.events.v1.RejectionCode.REJECTION_CODE_FAILED_PRECONDITION;
import static dev.pidgr.events.v1.RejectionCode.REJECTION_CODE_NOT_FOUND;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pidgr.api.v1.CampaignStatus;
import dev.pidgr.events.v1.CampaignCancelled;
import dev.pidgr.events.v1.CampaignCommand;
import dev.pidgr.events.v1.CampaignCompleted;
import dev.pidgr.events.v1.CampaignEvent;
import dev.pidgr.events.v1.CampaignFailed;
import java.util.List;
import org.junit.jupiter.api.Test;

class LifecycleTest {

    @Test
    void shouldCancelADraft() {
        campaign().given(Given.created(0)).when(cancel(CAMPAIGN)).then(CampaignCancelled.newBuilder()
                .setCancelledAt(ISSUED_AT).setPreviousStatus(CampaignStatus.CAMPAIGN_STATUS_CREATED).build());
    }

    @Test
    void shouldCancelARunningCampaign() {
        campaign().given(Given.created(0), Given.started()).when(cancel(CAMPAIGN)).then(CampaignCancelled.newBuilder()
                .setCancelledAt(ISSUED_AT).setPreviousStatus(CampaignStatus.CAMPAIGN_STATUS_ACTIVE).build());
    }

    @Test
    void shouldRejectCancellingAnEndedCampaign() {
        campaign()
                .given(Given.created(0), Given.started(), Given.completed())
                .when(cancel(CAMPAIGN))
                .thenRejected(
                        REJECTION_CODE_FAILED_PRECONDITION,
                        "is COMPLETED; only a CREATED, SCHEDULED or ACTIVE campaign can be cancelled");
        campaign()
                .given(Given.created(0), Given.started(), Given.failed())
                .when(cancel(CAMPAIGN))
                .thenRejected(
                        REJECTION_CODE_FAILED_PRECONDITION,
                        "is FAILED; only a CREATED, SCHEDULED or ACTIVE campaign can be cancelled");
        campaign()
                .given(Given.created(0), Given.cancelled())
                .when(cancel(CAMPAIGN))
                .thenRejected(
                        REJECTION_CODE_FAILED_PRECONDITION,
                        "is CANCELLED; only a CREATED, SCHEDULED or ACTIVE campaign can be cancelled");
    }

    @Test
    void shouldAnswerNotFoundWhenCancellingAnotherOrganizationsCampaign() {
        CampaignCommand.Builder command = cancel(CAMPAIGN);
        command.getMetadataBuilder().setOrganizationId(OTHER_ORG);

        campaign().given(Given.created(0)).when(command).thenRejected(REJECTION_CODE_NOT_FOUND, "not found");
    }

    @Test
    void shouldCompleteARunningCampaignWithTheWorkflowAsActor() {
        List<CampaignEvent> events = campaign().given(Given.created(0), Given.started()).when(complete(CAMPAIGN))
                .then(CampaignCompleted.newBuilder().setCompletedAt(ISSUED_AT).build());

        assertThat(events.get(0).getActor()).isEqualTo("system:workflow");
        assertThat(events.get(0).getVersion()).isEqualTo(3);
    }

    @Test
    void shouldRejectACompletionThatRacedACancel() {
        campaign()
                .given(Given.created(0), Given.started(), Given.cancelled())
                .when(complete(CAMPAIGN))
                .thenRejected(
                        REJECTION_CODE_FAILED_PRECONDITION, "is CANCELLED; only an ACTIVE campaign can be completed");
    }

    @Test
    void shouldRejectCompletingADraft() {
        campaign()
                .given(Given.created(0))
                .when(complete(CAMPAIGN))
                .thenRejected(
                        REJECTION_CODE_FAILED_PRECONDITION, "is CREATED; only an ACTIVE campaign can be completed");
    }

    @Test
    void shouldFailARunningCampaignWithItsReason() {
        campaign().given(Given.created(0), Given.started()).when(fail(CAMPAIGN, "template vanished"))
                .then(CampaignFailed.newBuilder().setFailedAt(ISSUED_AT).setReason("template vanished").build());
    }

    @Test
    void shouldCutAFailureReasonToTwoThousandCharacters() {
        List<CampaignEvent> events = campaign()
                .given(Given.created(0), Given.started())
                .when(fail(CAMPAIGN, "r".repeat(5000)))
                .events();

        assertThat(events.get(0).getFailed().getReason()).hasSize(2000);
    }

    @Test
    void shouldRejectFailingACampaignThatAlreadyEnded() {
        campaign()
                .given(Given.created(0), Given.started(), Given.completed())
                .when(fail(CAMPAIGN, "late"))
                .thenRejected(
                        REJECTION_CODE_FAILED_PRECONDITION, "is COMPLETED; only an ACTIVE campaign can be failed");
    }

    @Test
    void shouldAnswerNotFoundForACompletionOfAnUnknownCampaign() {
        campaign()
                .when(complete(CAMPAIGN))
                .thenRejected(REJECTION_CODE_NOT_FOUND, "campaign " + CAMPAIGN + " not found");
    }
}
