package dev.pidgr.command.campaign;

import dev.pidgr.api.v1.CampaignStatus;
import dev.pidgr.events.v1.CampaignCreated;
import dev.pidgr.events.v1.CampaignEvent;
import dev.pidgr.events.v1.CampaignUpdated;
import java.util.List;

/**
 * {@code evolve(state, event) -> state}: how each campaign event changes the state. The state
 * store is a cache of the fold of this function over pidgr.campaign.events.
 */
public final class CampaignEvolver {

    private CampaignEvolver() {
    }

    public static CampaignState evolve(CampaignState state, CampaignEvent event) {
        CampaignState next = switch (event.getPayloadCase()) {
            case CREATED -> created(event);
            case AUDIENCE_ADDED -> state;
            case UPDATED -> updated(state, event.getUpdated());
            case STARTED ->
                state.withStarted(
                        event.getStarted().getStartedAt(), event.getStarted().getTemplatePinsList());
            case CANCELLED ->
                state.withEnded(
                        CampaignStatus.CAMPAIGN_STATUS_CANCELLED,
                        event.getCancelled().getCancelledAt(),
                        "");
            case COMPLETED ->
                state.withEnded(
                        CampaignStatus.CAMPAIGN_STATUS_COMPLETED,
                        event.getCompleted().getCompletedAt(),
                        "");
            case FAILED ->
                state.withEnded(
                        CampaignStatus.CAMPAIGN_STATUS_FAILED,
                        event.getFailed().getFailedAt(),
                        event.getFailed().getReason());
            case NUDGED -> state.withNudge(event.getVersion());
            case NUDGE_FINISHED -> state.withNudge(0);
            case SCHEDULED ->
                state.withScheduled(
                        new CampaignState.Schedule(event.getScheduled().getStartAt(), event.getVersion()),
                        event.getScheduled().getTemplatePinsList());
            case PAYLOAD_NOT_SET ->
                throw new IllegalArgumentException("campaign event " + event.getEventId() + " has no payload");
        };
        return next.withVersion(event.getVersion());
    }

    /** Folds events from the beginning. */
    public static CampaignState fold(String campaignId, List<CampaignEvent> events) {
        CampaignState state = CampaignState.none(campaignId);
        for (CampaignEvent e : events) {
            state = evolve(state, e);
        }
        return state;
    }

    private static CampaignState created(CampaignEvent event) {
        CampaignCreated c = event.getCreated();
        CampaignState none = CampaignState.none(event.getCampaignId());
        return new CampaignState(event.getCampaignId(), event.getOrganizationId(), event.getVersion(),
                CampaignStatus.CAMPAIGN_STATUS_CREATED, c.getName(), c.getTemplateId(), c.getTemplateVersion(),
                c.getWorkflow(), c.getSenderName(), c.getTitle(), c.getTotalRecipients(), c.getAudienceChunkCount(),
                event.getOccurredAt(), none.startedAt(), none.completedAt(), "", List.of(), 0,
                CampaignState.Schedule.NONE);
    }

    private static CampaignState updated(CampaignState state, CampaignUpdated u) {
        return state.withDraft(u.getName(), u.getSenderName(), u.getTitle(), u.getTemplateId(), u.getTemplateVersion(),
                u.getWorkflow());
    }
}
