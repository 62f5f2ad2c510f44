package dev.pidgr.query.support;

import dev.pidgr.api.v1.AudienceMember;
import dev.pidgr.api.v1.CampaignStatus;
import dev.pidgr.api.v1.StepType;
import dev.pidgr.api.v1.WorkflowDefinition;
import dev.pidgr.api.v1.WorkflowStep;
import dev.pidgr.events.v1.CampaignAudienceAdded;
import dev.pidgr.events.v1.CampaignCancelled;
import dev.pidgr.events.v1.CampaignCompleted;
import dev.pidgr.events.v1.CampaignCreated;
import dev.pidgr.events.v1.CampaignEvent;
import dev.pidgr.events.v1.CampaignFailed;
import dev.pidgr.events.v1.CampaignScheduled;
import dev.pidgr.events.v1.CampaignStarted;
import dev.pidgr.events.v1.CampaignUpdated;
import dev.pidgr.events.v1.StepTemplatePin;
import dev.pidgr.query.sql.Sql;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Builds one campaign's events with gap-free versions, as the command side writes them. */
public final class CampaignStream {

    public static final WorkflowDefinition WORKFLOW = WorkflowDefinition.newBuilder()
            .addSteps(WorkflowStep.newBuilder().setId("send").setType(StepType.STEP_TYPE_SEND_NOTIFICATION)).build();

    private final String organizationId;
    private final String campaignId;
    private long version;

    public CampaignStream(String organizationId, String campaignId) {
        this.organizationId = organizationId;
        this.campaignId = campaignId;
    }

    public String id() {
        return campaignId;
    }

    private CampaignEvent.Builder next(Instant at) {
        return CampaignEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setCampaignId(campaignId)
                .setOrganizationId(organizationId).setVersion(++version).setOccurredAt(Sql.timestamp(at))
                .setCommandId(UUID.randomUUID().toString()).setActor("user-1");
    }

    public CampaignEvent created(String name, int recipients, Instant at) {
        return next(at).setCreated(CampaignCreated.newBuilder().setName(name).setTemplateId("tpl-1")
                .setTemplateVersion(1).setWorkflow(WORKFLOW).setSenderName("Ops").setTitle("Title of " + name)
                .setTotalRecipients(recipients).setAudienceChunkCount(0)).build();
    }

    public CampaignEvent updated(String name, Instant at) {
        return next(at).setUpdated(CampaignUpdated.newBuilder()
                        .setName(name)
                        .setSenderName("Ops 2")
                        .setTitle("New title")
                        .setTemplateId("tpl-2")
                        .setTemplateVersion(3)
                        .setWorkflow(WORKFLOW)
                        .addChangedFields("name"))
                .build();
    }

    public CampaignEvent audience(int chunkIndex, int chunkCount, AudienceMember... members) {
        return next(Instant.EPOCH).setAudienceAdded(CampaignAudienceAdded.newBuilder().setChunkIndex(chunkIndex)
                .setChunkCount(chunkCount).addAllMembers(List.of(members))).build();
    }

    public CampaignEvent started(Instant at, StepTemplatePin... pins) {
        return next(at).setStarted(CampaignStarted.newBuilder().setStartedAt(Sql.timestamp(at))
                .addAllTemplatePins(List.of(pins))).build();
    }

    public CampaignEvent scheduled(Instant startAt, Instant at) {
        return next(at).setScheduled(CampaignScheduled.newBuilder().setStartAt(Sql.timestamp(startAt))).build();
    }

    public CampaignEvent completed(Instant at) {
        return next(at).setCompleted(CampaignCompleted.newBuilder().setCompletedAt(Sql.timestamp(at))).build();
    }

    public CampaignEvent failed(String reason, Instant at) {
        return next(at).setFailed(CampaignFailed.newBuilder().setFailedAt(Sql.timestamp(at)).setReason(reason)).build();
    }

    public CampaignEvent cancelled(Instant at) {
        return next(at).setCancelled(CampaignCancelled.newBuilder().setCancelledAt(Sql.timestamp(at))
                .setPreviousStatus(CampaignStatus.CAMPAIGN_STATUS_ACTIVE)).build();
    }
}
