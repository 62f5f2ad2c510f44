package dev.pidgr.workflow.webhook;

import dev.pidgr.workflow.kafka.Keys;
import dev.pidgr.workflow.state.SendBatch;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/** When each delivery was sent: the fan-out's batches, each covering user ids up to its last one. */
final class SendLog {

    private final List<SendBatch> batches = new ArrayList<>();
    private int position;

    SendLog(KeyValueStore<String, SendBatch> sends, String campaignId) {
        try (KeyValueIterator<String, SendBatch> it = sends.range(Keys.first(campaignId), Keys.end(campaignId))) {
            it.forEachRemaining(kv -> batches.add(kv.value));
        }
    }

    /** The send time of a user's delivery; user ids must be asked in ascending order. */
    long sentAt(String userId) {
        while (position < batches.size() && Keys.compareUserIds(userId, batches.get(position).getLastUserId()) > 0) {
            position++;
        }
        return position < batches.size() ? batches.get(position).getSentAt() : 0;
    }
}
