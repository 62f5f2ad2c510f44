package dev.pidgr.app.cli;

import dev.pidgr.api.v1.Campaign;
import dev.pidgr.api.v1.CampaignStatus;
import dev.pidgr.api.v1.DeliveryCounts;
import java.util.function.Consumer;

/**
 * What {@code pidgr campaign watch} does between its reads: shows each read, and stops once the campaign has ended
 * and its delivery counts are final, so the last line shown is the last word. The campaign's status and its
 * delivery counts are projected from different topics, so COMPLETED can be read before the last deliveries are
 * counted: the counts are final once the walk's end (WorkflowEnded, the last delivery event of a run) is projected,
 * which a read shows as no current step with deliveries counted (docs/events.md). A cancel emits nothing there, so
 * a CANCELLED campaign's counts are taken as final once none is PENDING. At most {@code settleReads} reads after
 * the end are spent waiting for that (a run that ended before sending anything never shows it).
 */
final class CampaignFollower {

    /** One read of the campaign. */
    interface Source {
        Campaign read() throws Exception;
    }

    /** The wait between two reads. */
    interface Pause {
        void pause() throws InterruptedException;
    }

    /** The last campaign read, and whether its counts were final. */
    record Outcome(Campaign last, boolean settled) {
    }

    private final Source source;
    private final Consumer<Campaign> show;
    private final Pause pause;
    private final int settleReads;

    CampaignFollower(Source source, Consumer<Campaign> show, Pause pause, int settleReads) {
        this.source = source;
        this.show = show;
        this.pause = pause;
        this.settleReads = settleReads;
    }

    Outcome follow() throws Exception {
        int readsAfterEnd = 0;
        while (true) {
            Campaign k = source.read();
            show.accept(k);
            if (ended(k.getStatus())) {
                if (settled(k)) {
                    return new Outcome(k, true);
                }
                if (readsAfterEnd++ >= settleReads) {
                    return new Outcome(k, false);
                }
            }
            pause.pause();
        }
    }

    static boolean ended(CampaignStatus status) {
        return status == CampaignStatus.CAMPAIGN_STATUS_COMPLETED || status == CampaignStatus.CAMPAIGN_STATUS_FAILED
                || status == CampaignStatus.CAMPAIGN_STATUS_CANCELLED;
    }

    /**
     * Whether an ended campaign's delivery counts are final (pure): none PENDING and, for a run that ended by
     * itself (COMPLETED, FAILED), its end projected: no current step, with deliveries counted.
     */
    static boolean settled(Campaign k) {
        DeliveryCounts n = k.getDeliveryCounts();
        if (n.getPending() > 0) {
            return false;
        }
        if (k.getStatus() == CampaignStatus.CAMPAIGN_STATUS_CANCELLED) {
            return true;
        }
        int counted = n.getSent() + n.getDelivered() + n.getAcknowledged() + n.getMissed() + n.getNoDevice()
                + n.getFailed();
        return k.getProgress().getCurrentStepId().isEmpty() && counted > 0;
    }
}
