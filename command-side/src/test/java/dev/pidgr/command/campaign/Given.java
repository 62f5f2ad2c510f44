package dev.pidgr.command.campaign;

import com.google.protobuf.Timestamp;
import dev.pidgr.api.v1.AudienceMember;
import dev.pidgr.api.v1.CampaignStatus;
import dev.pidgr.api.v1.WorkflowDefinition;
import dev.pidgr.events.v1.CampaignAudienceAdded;
import dev.pidgr.events.v1.CampaignCancelled;
import dev.pidgr.events.v1.CampaignCompleted;
import dev.pidgr.events.v1.CampaignCreated;
import dev.pidgr.events.v1.CampaignEvent;
import dev.pidgr.events.v1.CampaignFailed;
import dev.pidgr.events.v1.CampaignScheduled;
import dev.pidgr.events.v1.CampaignStarted;
import dev.pidgr.events.v1.StepTemplatePin;
import java.util.List;

/** Event payloads for the given(...) part of campaign decider tests. */
final class Given {

    static final String TEMPLATE = "5f0c7d8e-9a1b-4c2d-8e3f-4a5b6c7d8e9f";
    static final String OTHER_TEMPLATE = "6a1d8e9f-0b2c-4d3e-9f4a-5b6c7d8e9f0a";
    static final Timestamp EARLIER = Timestamp.newBuilder().setSeconds(1_700_000_000L).build();

    private Given() {
    }

    static CampaignEvent.Builder created(WorkflowDefinition workflow, int members) {
        return CampaignEvent.newBuilder().setCreated(CampaignCreated.newBuilder()
                .setName("Spring safety briefing").setTemplateId(TEMPLATE).setTemplateVersion(1).setWorkflow(workflow)
                .setTotalRecipients(members).setAudienceChunkCount(members == 0 ? 0 : 1));
    }

    static CampaignEvent.Builder created(int members) {
        return created(DefaultWorkflow.INSTANCE, members);
    }

    static CampaignEvent.Builder audience(List<AudienceMember> members) {
        return CampaignEvent.newBuilder().setAudienceAdded(CampaignAudienceAdded.newBuilder()
                .setChunkIndex(0).setChunkCount(1).addAllMembers(members));
    }

    static CampaignEvent.Builder started() {
        return CampaignEvent.newBuilder().setStarted(CampaignStarted.newBuilder().setStartedAt(EARLIER));
    }

    static CampaignEvent.Builder scheduled(Timestamp startAt, StepTemplatePin... pins) {
        return CampaignEvent.newBuilder().setScheduled(
                CampaignScheduled.newBuilder().setStartAt(startAt).addAllTemplatePins(List.of(pins)));
    }

    static CampaignEvent.Builder cancelled() {
        return CampaignEvent.newBuilder().setCancelled(CampaignCancelled.newBuilder().setCancelledAt(EARLIER)
                .setPreviousStatus(CampaignStatus.CAMPAIGN_STATUS_ACTIVE));
    }

    static CampaignEvent.Builder completed() {
        return CampaignEvent.newBuilder().setCompleted(CampaignCompleted.newBuilder().setCompletedAt(EARLIER));
    }

    static CampaignEvent.Builder failed() {
        return CampaignEvent.newBuilder().setFailed(CampaignFailed.newBuilder().setFailedAt(EARLIER).setReason("boom"));
    }
}
