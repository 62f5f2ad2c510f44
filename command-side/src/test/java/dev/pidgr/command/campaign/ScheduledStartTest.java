package dev.pidgr.command.campaign;

import static dev.pidgr.command.campaign.CampaignFixture.CAMPAIGN;
import static dev.pidgr.command.campaign.CampaignFixture.campaign;
import static dev.pidgr.command.campaign.Given.TEMPLATE;
import static dev.pidgr.command.testing.Commands.ISSUED_AT;
import static dev.pidgr.command.testing.Commands.ORG;
import static dev.pidgr.command.testing.Commands.cancel;
import static dev.pidgr.command.testing.Commands.members;
import static dev.pidgr.command.testing.Commands.scheduledStart;
import static dev.pidgr.command.testing.Commands.start;
import static dev.pidgr.command.testing.Commands.startAt;
import static dev.pidgr.command.testing.Commands.update;
import static dev.pidgr.events.v1.RejectionCode.REJECTION_CODE_FAILED_PRECONDITION;
import static dev.pidgr.events.v1.RejectionCode.REJECTION_CODE_INVALID_ARGUMENT;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;
import dev.pidgr.api.v1.CampaignStatus;
import dev.pidgr.command.decision.Violation;
import dev.pidgr.events.v1.CampaignCancelled;
import dev.pidgr.events.v1.CampaignScheduled;
import dev.pidgr.events.v1.CampaignStarted;
import dev.pidgr.events.v1.StepTemplatePin;
import dev.pidgr.events.v1.UpdateCampaign;
import org.junit.jupiter.api.Test;

class ScheduledStartTest {

    private static final StepTemplatePin PIN =
            StepTemplatePin.newBuilder().setStepId("send").setTemplateId(TEMPLATE).setTemplateVersion(1).build();
    private static final Timestamp IN_AN_HOUR = Timestamps.add(ISSUED_AT, Durations.fromSeconds(3600));

    private static CampaignFixture draft() {
        CampaignFixture f = campaign().given(Given.created(1), Given.audience(members(1)));
        f.templates.add(ORG, TEMPLATE, 1);
        return f;
    }

    /** A draft scheduled by event version 3 (created, audience, scheduled). */
    private static CampaignFixture scheduled() {
        return draft().given(Given.scheduled(IN_AN_HOUR, PIN));
    }

    @Test
    void shouldScheduleADraftWithItsTemplatesPinnedWhenStartAtIsAhead() {
        draft().when(startAt(CAMPAIGN, IN_AN_HOUR))
                .then(CampaignScheduled.newBuilder().setStartAt(IN_AN_HOUR).addTemplatePins(PIN).build());
    }

    @Test
    void shouldStartADraftNowWhenStartAtIsPastDue() {
        draft().when(startAt(CAMPAIGN, Given.EARLIER))
                .then(CampaignStarted.newBuilder().setStartedAt(ISSUED_AT).addTemplatePins(PIN).build());
    }

    @Test
    void shouldRefuseAStartAtLessThanAMinuteAheadNamingTheField() {
        Timestamp soon = Timestamps.add(ISSUED_AT, Durations.fromSeconds(59));
        assertThat(draft().when(startAt(CAMPAIGN, soon)).thenRejected(REJECTION_CODE_INVALID_ARGUMENT,
                "at least 1 minute").violations()).extracting(Violation::field).containsExactly("start_at");
    }

    @Test
    void shouldRunTheStartChecksBeforeScheduling() {
        campaign().given(Given.created(0)).when(startAt(CAMPAIGN, IN_AN_HOUR))
                .thenRejected(REJECTION_CODE_FAILED_PRECONDITION, "has no audience members");
    }

    @Test
    void shouldStartAScheduledCampaignWhenItsScheduleIsDueWithThePinsOfTheSchedule() {
        scheduled().when(scheduledStart(CAMPAIGN, 3))
                .then(CampaignStarted.newBuilder().setStartedAt(ISSUED_AT).addTemplatePins(PIN).build());
    }

    @Test
    void shouldNotStartWhenTheDueScheduleWasReplaced() {
        scheduled().given(Given.scheduled(IN_AN_HOUR, PIN)).when(scheduledStart(CAMPAIGN, 3))
                .thenRejected(REJECTION_CODE_FAILED_PRECONDITION, "the schedule of version 3 no longer applies");
    }

    @Test
    void shouldNotStartACancelledScheduleWhenItsTimerFires() {
        scheduled().given(Given.cancelled()).when(scheduledStart(CAMPAIGN, 3))
                .thenRejected(REJECTION_CODE_FAILED_PRECONDITION, "is CANCELLED");
    }

    @Test
    void shouldNotStartTwiceWhenTheTimersStartIsRepeated() {
        scheduled().given(Given.started()).when(scheduledStart(CAMPAIGN, 3))
                .thenRejected(REJECTION_CODE_FAILED_PRECONDITION, "is ACTIVE");
    }

    @Test
    void shouldStartAScheduledCampaignNowWhenAPersonStartsItWithoutStartAt() {
        scheduled().when(start(CAMPAIGN))
                .then(CampaignStarted.newBuilder().setStartedAt(ISSUED_AT).addTemplatePins(PIN).build());
    }

    @Test
    void shouldRescheduleAScheduledCampaignStartedWithANewStartAt() {
        Timestamp tomorrow = Timestamps.add(ISSUED_AT, Durations.fromSeconds(86_400));
        scheduled().when(startAt(CAMPAIGN, tomorrow))
                .then(CampaignScheduled.newBuilder().setStartAt(tomorrow).addTemplatePins(PIN).build());
    }

    @Test
    void shouldRefuseToUpdateAScheduledCampaign() {
        scheduled().when(update(CAMPAIGN, UpdateCampaign.newBuilder().setName("Later")))
                .thenRejected(
                        REJECTION_CODE_FAILED_PRECONDITION, "is SCHEDULED; only a CREATED campaign can be updated");
    }

    @Test
    void shouldCancelAScheduledCampaign() {
        scheduled().when(cancel(CAMPAIGN)).then(CampaignCancelled.newBuilder().setCancelledAt(ISSUED_AT)
                .setPreviousStatus(CampaignStatus.CAMPAIGN_STATUS_SCHEDULED).build());
    }

    @Test
    void shouldShowTheScheduledStartInTheSnapshot() {
        CampaignState state = CampaignEvolver.fold(CAMPAIGN, scheduled().history());
        assertThat(CampaignSnapshot.of(state).getStatus()).isEqualTo(CampaignStatus.CAMPAIGN_STATUS_SCHEDULED);
        assertThat(CampaignSnapshot.of(state).getScheduledStartAt()).isEqualTo(IN_AN_HOUR);
        assertThat(state.schedule().version()).isEqualTo(3);
    }

    @Test
    void shouldLeaveTheScheduledStartUnsetWhenNotScheduled() {
        CampaignState state = CampaignEvolver.fold(CAMPAIGN, scheduled().given(Given.started()).history());
        assertThat(CampaignSnapshot.of(state).hasScheduledStartAt()).isFalse();
    }
}
