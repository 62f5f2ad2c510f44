package dev.pidgr.query.campaign;

import dev.pidgr.api.v1.CampaignStatus;
import dev.pidgr.events.v1.CampaignCreated;
import dev.pidgr.events.v1.CampaignEvent;
import dev.pidgr.events.v1.CampaignUpdated;
import dev.pidgr.query.sql.Sql;

/** What one campaign event does to a campaign row (pure). */
final class CampaignTransitions {

    private CampaignTransitions() {
    }

    /**
     * The row after {@code event}, stamped with the event's version; {@code row} is null before the
     * campaign exists. Null when the event needs a campaign that does not exist.
     */
    static CampaignRow apply(CampaignRow row, CampaignEvent event) {
        if (row == null && event.getPayloadCase() != CampaignEvent.PayloadCase.CREATED) {
            return null;
        }
        CampaignRow next = switch (event.getPayloadCase()) {
            case CREATED -> created(event, event.getCreated());
            case UPDATED -> updated(row, event.getUpdated());
            case STARTED -> row.started(Sql.instant(event.getStarted().getStartedAt()));
            case SCHEDULED -> row.scheduled(Sql.instant(event.getScheduled().getStartAt()));
            case CANCELLED -> row.ended(CampaignStatus.CAMPAIGN_STATUS_CANCELLED,
                    Sql.instant(event.getCancelled().getCancelledAt()), row.failureReason());
            case COMPLETED -> row.ended(CampaignStatus.CAMPAIGN_STATUS_COMPLETED,
                    Sql.instant(event.getCompleted().getCompletedAt()), row.failureReason());
            case FAILED -> row.ended(CampaignStatus.CAMPAIGN_STATUS_FAILED,
                    Sql.instant(event.getFailed().getFailedAt()), event.getFailed().getReason());
            // The audience is kept apart (CampaignExtras): total_recipients comes with CampaignCreated.
            // Nudges are projected from the workflow's NudgeSelected and NudgeFinished (campaign_nudges).
            case AUDIENCE_ADDED, NUDGED, NUDGE_FINISHED, PAYLOAD_NOT_SET -> row;
        };
        return next.withVersion(event.getVersion());
    }

    private static CampaignRow created(CampaignEvent event, CampaignCreated c) {
        return new CampaignRow(event.getCampaignId(), event.getOrganizationId(), c.getName(), c.getTemplateId(),
                c.getTemplateVersion(), CampaignStatus.CAMPAIGN_STATUS_CREATED, c.getWorkflow().toByteArray(),
                c.getTotalRecipients(), c.getSenderName(), c.getTitle(), "", Sql.instant(event.getOccurredAt()),
                null, null, event.getVersion(), null);
    }

    /** CampaignUpdated carries every settable field as it now is. */
    private static CampaignRow updated(CampaignRow row, CampaignUpdated u) {
        return row.withDraft(u.getName(), u.getTemplateId(), u.getTemplateVersion(), u.getWorkflow().toByteArray(),
                u.getSenderName(), u.getTitle());
    }
}
