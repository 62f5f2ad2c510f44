package dev.pidgr.query;

/**
 * How far the projections have got, per aggregate: what read-your-writes waits on. A version is the
 * aggregate version of the last event projected for that aggregate, 0 when none.
 */
public interface ProjectionPositions {

    /** The projected version of a campaign (from pidgr.campaign.events), 0 when unknown. */
    long campaignVersion(String campaignId);

    /** The projected latest version of a template, 0 when unknown. */
    long templateVersion(String templateId);

    /** The projected version of a recipient's devices and contact (from pidgr.device.events), 0 when unknown. */
    long deviceVersion(String organizationId, String userId);
}
