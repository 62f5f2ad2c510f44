package dev.pidgr.query;

import dev.pidgr.api.v1.AudienceMember;
import dev.pidgr.api.v1.Campaign;
import dev.pidgr.api.v1.CampaignHistoryEntry;
import dev.pidgr.api.v1.CampaignStatus;
import dev.pidgr.api.v1.Delivery;
import dev.pidgr.api.v1.DeliveryStatus;
import dev.pidgr.events.v1.StepTemplatePin;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** Reads of the campaign and delivery projections. Every method is scoped to one organization in SQL. */
public interface CampaignReads {

    /** The campaign with its live counts, or empty when unknown or another organization's. */
    Optional<Campaign> campaign(String organizationId, String campaignId);

    /** The organization's campaigns, newest first, only those in {@code statusFilter} unless it is UNSPECIFIED. */
    Page<Campaign> campaigns(String organizationId, CampaignStatus statusFilter, PageRequest page);

    /** All of the organization's campaigns, newest first. */
    default Page<Campaign> campaigns(String organizationId, PageRequest page) {
        return campaigns(organizationId, CampaignStatus.CAMPAIGN_STATUS_UNSPECIFIED, page);
    }

    /**
     * One campaign's deliveries ordered by user id, only those in {@code statusFilter} unless it is
     * UNSPECIFIED. The caller checks first that the campaign exists in the organization.
     */
    Page<Delivery> deliveries(String organizationId, String campaignId, DeliveryStatus statusFilter, PageRequest page);

    /**
     * The campaign's timeline as stored at {@code granularity} seconds (1, 60 or 3600): the slots in
     * which something happened, oldest first. The caller checks first that the campaign exists in the
     * organization.
     */
    List<TimelineEntry> timeline(String organizationId, String campaignId, int granularity);

    /**
     * How many deliveries a nudge of the campaign selected (its NudgeSelected), once the workflow has reported it;
     * {@code nudge} is the version of its CampaignNudged event.
     */
    OptionalInt nudgeMatched(String organizationId, String campaignId, long nudge);

    /** One page of the campaign's history, oldest first. The caller checks first that the campaign is visible. */
    Page<CampaignHistoryEntry> history(String organizationId, String campaignId, PageRequest page);

    /** The members of the campaign's audience among {@code userIds}, by user id (one not in it is absent). */
    Map<String, AudienceMember> members(String organizationId, String campaignId, Collection<String> userIds);

    /** The template version each SEND_NOTIFICATION step renders, as the start pinned it; empty before the start. */
    List<StepTemplatePin> templatePins(String organizationId, String campaignId);
}
