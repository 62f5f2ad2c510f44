package dev.pidgr.workflow.step;

import dev.pidgr.api.v1.AudienceMember;
import dev.pidgr.workflow.run.FanOuts;
import dev.pidgr.workflow.run.Run;
import dev.pidgr.workflow.run.RunReader;
import dev.pidgr.workflow.state.DeliveryState;
import dev.pidgr.workflow.state.FanOut;
import java.util.ArrayList;
import java.util.List;

/** Pages of a campaign's deliveries for the sweeps after the fan-out: reminders, missed marking, webhook pages. */
final class Sweeps {

    /** One member with a delivery, as a sweep sees it. */
    record Entry(String userId, AudienceMember member, DeliveryState state) {
    }

    private Sweeps() {
    }

    /**
     * Up to {@code max} deliveries after {@code afterUserId} (empty: from the first), in user id order, with their
     * states; only members the fan-out has reached have one.
     */
    static List<Entry> page(Run run, RunReader reads, String afterUserId, int max) {
        FanOut fanOut = run.cursor().getFanOut();
        List<Entry> page = new ArrayList<>(Math.min(max, 1024));
        if (fanOut.getStepId().isEmpty()) {
            return page;
        }
        String campaignId = run.campaignId();
        try (RunReader.Members members = reads.members(campaignId, afterUserId)) {
            while (members.hasNext() && page.size() < max) {
                RunReader.Member next = members.next();
                if (!FanOuts.sentTo(fanOut, next.userId())) {
                    break;
                }
                page.add(new Entry(next.userId(), next.member(), reads.delivery(campaignId, next.userId())));
            }
        }
        return page;
    }
}
