package dev.pidgr.command.campaign;

import com.google.protobuf.Timestamp;
import dev.pidgr.api.v1.CampaignStatus;
import dev.pidgr.api.v1.WorkflowDefinition;
import dev.pidgr.events.v1.StepTemplatePin;
import java.util.List;

/**
 * A campaign as its decider sees it: the fold of its events, without the audience (which lives in
 * chunks beside it; see {@link AudienceSource}). Unset timestamps are the default instance, as in
 * protobuf. {@link #none} is the state of a campaign that does not exist (version 0).
 */
public record CampaignState(
        String campaignId,
        String organizationId,
        long version,
        CampaignStatus status,
        String name,
        String templateId,
        int templateVersion,
        WorkflowDefinition workflow,
        String senderName,
        String title,
        int totalRecipients,
        int audienceChunkCount,
        Timestamp createdAt,
        Timestamp startedAt,
        Timestamp completedAt,
        String failureReason,
        List<StepTemplatePin> templatePins,
        long nudgeInProgress,
        Schedule schedule) {

    /**
     * A SCHEDULED campaign's pending start: when, and the version of the CampaignScheduled event that
     * set it (the workflow processor's timer names that version, so a replaced schedule never fires).
     */
    public record Schedule(Timestamp startAt, long version) {

        public static final Schedule NONE = new Schedule(Timestamp.getDefaultInstance(), 0);
    }

    public CampaignState {
        templatePins = List.copyOf(templatePins);
    }

    public static CampaignState none(String campaignId) {
        Timestamp unset = Timestamp.getDefaultInstance();
        return new CampaignState(campaignId, "", 0, CampaignStatus.CAMPAIGN_STATUS_UNSPECIFIED, "", "", 0,
                WorkflowDefinition.getDefaultInstance(), "", "", 0, 0, unset, unset, unset, "", List.of(), 0,
                Schedule.NONE);
    }

    public boolean exists() {
        return version > 0;
    }

    /** The status without its enum prefix, for messages ("ACTIVE"). */
    public String statusName() {
        return status.name().replace("CAMPAIGN_STATUS_", "");
    }

    CampaignState withVersion(long v) {
        return new CampaignState(
                campaignId,
                organizationId,
                v,
                status,
                name,
                templateId,
                templateVersion,
                workflow,
                senderName,
                title,
                totalRecipients,
                audienceChunkCount,
                createdAt,
                startedAt,
                completedAt,
                failureReason,
                templatePins,
                nudgeInProgress,
                schedule);
    }

    CampaignState withDraft(
            String newName,
            String newSender,
            String newTitle,
            String newTemplateId,
            int newTemplateVersion,
            WorkflowDefinition newWorkflow) {
        return new CampaignState(
                campaignId,
                organizationId,
                version,
                status,
                newName,
                newTemplateId,
                newTemplateVersion,
                newWorkflow,
                newSender,
                newTitle,
                totalRecipients,
                audienceChunkCount,
                createdAt,
                startedAt,
                completedAt,
                failureReason,
                templatePins,
                nudgeInProgress,
                schedule);
    }

    CampaignState withStarted(Timestamp at, List<StepTemplatePin> pins) {
        return new CampaignState(
                campaignId,
                organizationId,
                version,
                CampaignStatus.CAMPAIGN_STATUS_ACTIVE,
                name,
                templateId,
                templateVersion,
                workflow,
                senderName,
                title,
                totalRecipients,
                audienceChunkCount,
                createdAt,
                at,
                completedAt,
                failureReason,
                pins,
                nudgeInProgress,
                Schedule.NONE);
    }

    /** A nudge (the version of its CampaignNudged event) in progress, or none (0). */
    CampaignState withNudge(long nudge) {
        return new CampaignState(campaignId, organizationId, version, status, name, templateId, templateVersion,
                workflow, senderName, title, totalRecipients, audienceChunkCount, createdAt, startedAt, completedAt,
                failureReason, templatePins, nudge, schedule);
    }

    CampaignState withScheduled(Schedule next, List<StepTemplatePin> pins) {
        return new CampaignState(campaignId, organizationId, version, CampaignStatus.CAMPAIGN_STATUS_SCHEDULED, name,
                templateId, templateVersion, workflow, senderName, title, totalRecipients, audienceChunkCount,
                createdAt, startedAt, completedAt, failureReason, pins, nudgeInProgress, next);
    }

    CampaignState withEnded(CampaignStatus newStatus, Timestamp at, String reason) {
        return new CampaignState(campaignId, organizationId, version, newStatus, name, templateId, templateVersion,
                workflow, senderName, title, totalRecipients, audienceChunkCount, createdAt, startedAt, at, reason,
                templatePins, 0, Schedule.NONE);
    }
}
