package dev.pidgr.query.delivery;

import dev.pidgr.events.v1.DeliveryEvent;
import java.util.Optional;

/**
 * A nudge as the workflow reported it (NudgeSelected, then NudgeFinished), for campaign_nudges. Within a batch a
 * nudge's rows merge, the later report winning on what it reports.
 */
public record NudgeRow(String organizationId, String campaignId, long nudge, int matched, int reminded, int skipped,
                       boolean selected, boolean finished) {

    /** The row a delivery event reports, if it reports a nudge. */
    static Optional<NudgeRow> of(DeliveryEvent event) {
        if (event.hasNudgeSelected()) {
            return Optional.of(new NudgeRow(event.getOrganizationId(), event.getCampaignId(),
                    event.getNudgeSelected().getNudge(), event.getNudgeSelected().getMatched(), 0, 0, true, false));
        }
        if (event.hasNudgeFinished()) {
            return Optional.of(new NudgeRow(event.getOrganizationId(), event.getCampaignId(),
                    event.getNudgeFinished().getNudge(), 0, event.getNudgeFinished().getReminded(),
                    event.getNudgeFinished().getSkipped(), false, true));
        }
        return Optional.empty();
    }

    String key() {
        return campaignId + "/" + nudge;
    }

    /** This row followed by a later report of the same nudge. */
    NudgeRow then(NudgeRow later) {
        return new NudgeRow(organizationId, campaignId, nudge, later.selected ? later.matched : matched,
                later.finished ? later.reminded : reminded, later.finished ? later.skipped : skipped,
                selected || later.selected, finished || later.finished);
    }
}
