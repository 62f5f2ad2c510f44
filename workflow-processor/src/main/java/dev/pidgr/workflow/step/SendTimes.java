package dev.pidgr.workflow.step;

import dev.pidgr.workflow.run.FanOuts;
import dev.pidgr.workflow.state.SendBatch;
import java.util.List;

/** When each delivery was sent: the fan-out's batches, each covering user ids up to its last one. */
final class SendTimes {

    private final List<SendBatch> batches;
    private int position;

    SendTimes(List<SendBatch> batches) {
        this.batches = batches;
    }

    /** The send time of a user's delivery; user ids must be asked in ascending order. */
    long sentAt(String userId) {
        while (position < batches.size() && FanOuts.compareUserIds(userId, batches.get(position).getLastUserId()) > 0) {
            position++;
        }
        return position < batches.size() ? batches.get(position).getSentAt() : 0;
    }
}
