package dev.pidgr.query.campaign;

import dev.pidgr.api.v1.CampaignStatus;
import java.time.Instant;

/** One campaign as the campaign events tell it (counts and progress live in campaign_runs). */
public record CampaignRow(
        String id,
        String organizationId,
        String name,
        String templateId,
        int templateVersion,
        CampaignStatus status,
        byte[] workflow,
        int totalRecipients,
        String senderName,
        String title,
        String failureReason,
        Instant createdAt,
        Instant startedAt,
        Instant completedAt,
        long version,
        Instant scheduledStartAt) {

    CampaignRow withVersion(long newVersion) {
        return new CampaignRow(id, organizationId, name, templateId, templateVersion, status, workflow,
                totalRecipients, senderName, title, failureReason, createdAt, startedAt, completedAt, newVersion,
                scheduledStartAt);
    }

    CampaignRow withDraft(String newName, String newTemplateId, int newTemplateVersion, byte[] newWorkflow,
                          String newSenderName, String newTitle) {
        return new CampaignRow(id, organizationId, newName, newTemplateId, newTemplateVersion, status, newWorkflow,
                totalRecipients, newSenderName, newTitle, failureReason, createdAt, startedAt, completedAt, version,
                scheduledStartAt);
    }

    CampaignRow started(Instant at) {
        return new CampaignRow(
                id,
                organizationId,
                name,
                templateId,
                templateVersion,
                CampaignStatus.CAMPAIGN_STATUS_ACTIVE,
                workflow,
                totalRecipients,
                senderName,
                title,
                failureReason,
                createdAt,
                at,
                completedAt,
                version,
                null);
    }

    /** Scheduled (or rescheduled) to start at {@code startAt}. */
    CampaignRow scheduled(Instant startAt) {
        return new CampaignRow(id, organizationId, name, templateId, templateVersion,
                CampaignStatus.CAMPAIGN_STATUS_SCHEDULED, workflow, totalRecipients, senderName, title, failureReason,
                createdAt, startedAt, completedAt, version, startAt);
    }

    /** Completed, failed or cancelled: {@code completed_at} is set in all three. */
    CampaignRow ended(CampaignStatus endStatus, Instant at, String reason) {
        return new CampaignRow(id, organizationId, name, templateId, templateVersion, endStatus, workflow,
                totalRecipients, senderName, title, reason, createdAt, startedAt, at, version, null);
    }
}
