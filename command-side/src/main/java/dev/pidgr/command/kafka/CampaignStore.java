package dev.pidgr.command.kafka;

import dev.pidgr.api.v1.AudienceMember;
import dev.pidgr.command.campaign.AudienceSource;
import dev.pidgr.command.campaign.CampaignState;
import dev.pidgr.command.store.AudienceChunk;
import dev.pidgr.events.v1.CampaignEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The campaign store: one small value per campaign, and its audience under per-chunk keys, so no
 * value or changelog record ever holds a whole audience.
 */
final class CampaignStore {

    private final KeyValueStore<String, byte[]> kv;

    CampaignStore(KeyValueStore<String, byte[]> kv) {
        this.kv = kv;
    }

    CampaignState load(String campaignId) {
        byte[] bytes = kv.get(campaignId);
        return bytes == null ? CampaignState.none(campaignId) : StateCodec.decodeCampaign(bytes);
    }

    /** The audience, read chunk by chunk as it is iterated. */
    AudienceSource audience(CampaignState state) {
        return () -> () -> new Iterator<>() {
            private int next;
            private Iterator<AudienceMember> current = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && next < state.audienceChunkCount()) {
                    current = chunk(state.campaignId(), next++).iterator();
                }
                return current.hasNext();
            }

            @Override
            public AudienceMember next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }

    private List<AudienceMember> chunk(String campaignId, int index) {
        byte[] bytes = kv.get(StoreKeys.audienceChunk(campaignId, index));
        if (bytes == null) {
            throw new IllegalStateException("campaign " + campaignId + " is missing audience chunk " + index);
        }
        return StateCodec.parse(() -> AudienceChunk.parseFrom(bytes)).getMembersList();
    }

    /** Stores the state after {@code events}, and the audience chunks among them. */
    void save(CampaignState after, List<CampaignEvent> events) {
        List<KeyValue<String, byte[]>> puts = new ArrayList<>();
        for (CampaignEvent e : events) {
            if (e.getPayloadCase() == CampaignEvent.PayloadCase.AUDIENCE_ADDED) {
                byte[] chunk = AudienceChunk.newBuilder()
                        .addAllMembers(e.getAudienceAdded().getMembersList())
                        .build()
                        .toByteArray();
                puts.add(KeyValue.pair(
                        StoreKeys.audienceChunk(
                                after.campaignId(), e.getAudienceAdded().getChunkIndex()),
                        chunk));
            }
        }
        puts.add(KeyValue.pair(after.campaignId(), StateCodec.encode(after)));
        kv.putAll(puts);
    }
}
