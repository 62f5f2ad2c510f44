package dev.pidgr.workflow.delivery;

import dev.pidgr.api.v1.AudienceMember;
import dev.pidgr.api.v1.DeliveryStatus;
import dev.pidgr.workflow.kafka.Keys;
import dev.pidgr.workflow.run.Run;
import dev.pidgr.workflow.state.DeliveryState;
import dev.pidgr.workflow.state.FanOut;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Members and their deliveries. A delivery exists for a member once the fan-out passed it; until
 * something changes it (an interaction, a reminder, missed marking) its state is implicitly
 * {@link #SENT} and nothing is stored, so the fan-out writes no state per delivery.
 */
public final class Deliveries {

    /** The implicit state of a delivery just sent. */
    public static final DeliveryState SENT = DeliveryState.newBuilder().setStatus(DeliveryStatus.DELIVERY_STATUS_SENT).build();

    /** One member with a delivery, as a sweep sees it. */
    public record Entry(String userId, AudienceMember member, DeliveryState state) {
    }

    private final KeyValueStore<String, AudienceMember> members;
    private final KeyValueStore<String, DeliveryState> states;

    public Deliveries(KeyValueStore<String, AudienceMember> members, KeyValueStore<String, DeliveryState> states) {
        this.members = members;
        this.states = states;
    }

    /** Whether the member has a delivery: the fan-out reached them. */
    public boolean exists(Run run, String userId) {
        return sentTo(run.cursor().getFanOut(), userId) && members.get(Keys.member(run.campaignId(), userId)) != null;
    }

    /** A delivery's current state. */
    public DeliveryState state(String campaignId, String userId) {
        DeliveryState state = states.get(Keys.member(campaignId, userId));
        return state == null ? SENT : state;
    }

    /** Records a delivery's changed state. */
    public void put(String campaignId, String userId, DeliveryState state) {
        states.put(Keys.member(campaignId, userId), state);
    }

    /**
     * Up to {@code max} deliveries after {@code afterUserId} (empty: from the first), in user id
     * order, with their states.
     */
    public List<Entry> page(Run run, String afterUserId, int max) {
        FanOut fanOut = run.cursor().getFanOut();
        List<Entry> page = new ArrayList<>(Math.min(max, 1024));
        if (fanOut.getStepId().isEmpty()) {
            return page;
        }
        String campaignId = run.campaignId();
        String from = afterUserId.isEmpty() ? Keys.first(campaignId) : Keys.after(campaignId, afterUserId);
        try (KeyValueIterator<String, AudienceMember> it = members.range(from, Keys.end(campaignId))) {
            while (it.hasNext() && page.size() < max) {
                KeyValue<String, AudienceMember> next = it.next();
                String userId = Keys.userOf(campaignId, next.key);
                if (!sentTo(fanOut, userId)) {
                    break;
                }
                page.add(new Entry(userId, next.value, state(campaignId, userId)));
            }
        }
        return page;
    }

    private static boolean sentTo(FanOut fanOut, String userId) {
        if (fanOut.getStepId().isEmpty()) {
            return false;
        }
        return fanOut.getDone() || (!fanOut.getAfterUserId().isEmpty() && Keys.compareUserIds(userId, fanOut.getAfterUserId()) <= 0);
    }
}
