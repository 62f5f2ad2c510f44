package dev.pidgr.query;

import dev.pidgr.api.v1.Campaign;
import dev.pidgr.api.v1.Delivery;
import dev.pidgr.api.v1.DeliveryStatus;
import java.util.Optional;

/** Reads of the campaign and delivery projections. Every method is scoped to one organization in SQL. */
public interface CampaignReads {

    /** The campaign with its live counts, or empty when unknown or another organization's. */
    Optional<Campaign> campaign(String organizationId, String campaignId);

    /** The organization's campaigns, newest first. */
    Page<Campaign> campaigns(String organizationId, PageRequest page);

    /**
     * One campaign's deliveries ordered by user id, only those in {@code statusFilter} unless it is
     * UNSPECIFIED. The caller checks first that the campaign exists in the organization.
     */
    Page<Delivery> deliveries(String organizationId, String campaignId, DeliveryStatus statusFilter, PageRequest page);
}
