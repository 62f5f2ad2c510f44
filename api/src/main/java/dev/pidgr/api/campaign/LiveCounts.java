package dev.pidgr.api.campaign;

import dev.pidgr.api.v1.Campaign;
import dev.pidgr.query.CampaignReads;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start and Cancel answer with the command result's snapshot, whose counts the command side leaves
 * at zero; the projection's current counts are merged in without waiting (they describe deliveries,
 * which the workflow produces after the command anyway). Status and workflow progress stay the
 * snapshot's: the projection may not have seen this very command yet. If the projection cannot be read, the
 * snapshot alone is returned: the command has already taken effect and must not look failed.
 */
final class LiveCounts {

    private static final Logger LOG = LoggerFactory.getLogger(LiveCounts.class);

    private final CampaignReads reads;

    LiveCounts(CampaignReads reads) {
        this.reads = reads;
    }

    Campaign merge(String organizationId, Campaign snapshot) {
        Optional<Campaign> projected;
        try {
            projected = reads.campaign(organizationId, snapshot.getId());
        } catch (RuntimeException e) {
            LOG.warn(
                    "campaign {}: live counts unavailable ({}); answering with the command's snapshot",
                    snapshot.getId(),
                    e.toString());
            return snapshot;
        }
        if (projected.isEmpty()) {
            return snapshot;
        }
        Campaign live = projected.get();
        Campaign.Builder merged = snapshot.toBuilder()
                .setActionCompletedCount(live.getActionCompletedCount())
                .setMissedCount(live.getMissedCount());
        if (live.hasDeliveryCounts()) {
            merged.setDeliveryCounts(live.getDeliveryCounts());
        }
        return merged.build();
    }
}
