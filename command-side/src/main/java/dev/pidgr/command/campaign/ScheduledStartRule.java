package dev.pidgr.command.campaign;

import com.google.protobuf.Timestamp;
import dev.pidgr.api.v1.CampaignStatus;
import dev.pidgr.command.decision.Decision;
import dev.pidgr.command.decision.Rejection;
import dev.pidgr.events.v1.CampaignEvent;
import dev.pidgr.events.v1.CampaignScheduled;
import dev.pidgr.events.v1.CampaignStarted;
import dev.pidgr.events.v1.StartCampaign;
import dev.pidgr.events.v1.StepTemplatePin;
import java.util.List;

/**
 * StartCampaign on a SCHEDULED campaign, and the workflow processor's timed start. A SCHEDULED campaign was checked
 * and pinned when it was scheduled, and nothing it depends on can change since (it cannot be updated; template
 * versions never change), so its start needs no check again and renders the pins of its schedule. A person's start
 * supersedes the schedule: now, or at a new start_at. The timer's start (schedule_version set) applies only while
 * the campaign is still SCHEDULED by that very CampaignScheduled, so a replaced, cancelled or already started
 * schedule never starts the campaign (again).
 */
final class ScheduledStartRule {

    private ScheduledStartRule() {
    }

    static Decision<CampaignEvent.Builder> decide(
            StartCampaign command, CampaignState state, boolean later, Timestamp at) {
        long due = command.getScheduleVersion();
        if (due != 0 && (state.status() != CampaignStatus.CAMPAIGN_STATUS_SCHEDULED
                || state.schedule().version() != due)) {
            return Decision.reject(Rejection.failedPrecondition("campaign " + state.campaignId() + " is "
                    + state.statusName() + (state.status() == CampaignStatus.CAMPAIGN_STATUS_SCHEDULED
                            ? " by version " + state.schedule().version() : "")
                    + "; the schedule of version " + due + " no longer applies"));
        }
        if (later && due == 0) {
            return scheduled(command.getStartAt(), state.templatePins());
        }
        return started(at, state.templatePins());
    }

    static Decision<CampaignEvent.Builder> started(Timestamp at, List<StepTemplatePin> pins) {
        return Decision.accept(List.of(CampaignEvent.newBuilder().setStarted(
                CampaignStarted.newBuilder().setStartedAt(at).addAllTemplatePins(pins))));
    }

    static Decision<CampaignEvent.Builder> scheduled(Timestamp startAt, List<StepTemplatePin> pins) {
        return Decision.accept(List.of(CampaignEvent.newBuilder().setScheduled(
                CampaignScheduled.newBuilder().setStartAt(startAt).addAllTemplatePins(pins))));
    }
}
