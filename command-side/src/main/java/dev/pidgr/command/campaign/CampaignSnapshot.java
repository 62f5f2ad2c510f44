package dev.pidgr.command.campaign;

import dev.pidgr.api.v1.Campaign;

/** The campaign as an Accepted result shows it: never its audience; counts are the projection's business. */
public final class CampaignSnapshot {

    private CampaignSnapshot() {
    }

    public static Campaign of(CampaignState s) {
        Campaign.Builder campaign = Campaign.newBuilder()
                .setId(s.campaignId())
                .setName(s.name())
                .setTemplateId(s.templateId())
                .setTemplateVersion(s.templateVersion())
                .setStatus(s.status())
                .setWorkflow(s.workflow())
                .setTotalRecipients(s.totalRecipients())
                .setCreatedAt(s.createdAt())
                .setStartedAt(s.startedAt())
                .setCompletedAt(s.completedAt())
                .setSenderName(s.senderName())
                .setTitle(s.title())
                .setVersion(s.version())
                .setFailureReason(s.failureReason());
        if (s.schedule().version() != 0) {
            campaign.setScheduledStartAt(s.schedule().startAt());
        }
        return campaign.build();
    }
}
