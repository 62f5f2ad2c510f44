package dev.pidgr.command.kafka;

import dev.pidgr.api.v1.AudienceMember;
import dev.pidgr.command.campaign.AudienceChunker;
import dev.pidgr.command.store.AudienceChunk;
import dev.pidgr.command.store.ParkedCommand;
import dev.pidgr.events.v1.CampaignCommand;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Campaign commands waiting for a template to reach the lookup catalog, and the commands of the
 * same campaigns queued behind them, in arrival order. Layout: {@code n} the arrival counter;
 * {@code q/<seq>} a command without its audience; {@code a/<seq>/<index>} its audience chunks (no
 * value holds a whole audience); {@code c/<campaignId>} how many commands of that campaign wait.
 */
final class ParkingLot {

    /** A parked command as listed: its arrival key and its stored form. */
    record Parked(String key, ParkedCommand parked) {
        String campaignId() {
            return parked.getCommand().getCampaignId();
        }
    }

    private final KeyValueStore<String, byte[]> kv;
    /** False only when the last look found nothing: spares a scan per punctuation when idle. */
    private boolean maybeOccupied = true;

    ParkingLot(KeyValueStore<String, byte[]> kv) {
        this.kv = kv;
    }

    boolean holds(String campaignId) {
        return kv.get("c/" + campaignId) != null;
    }

    void park(CampaignCommand command, long recordTimestamp) {
        String seq = String.format("%019d", next());
        List<AudienceMember> audience = command.getCreateCampaign().getAudienceList();
        List<List<AudienceMember>> chunks = AudienceChunker.chunks(audience);
        CampaignCommand stripped = command.hasCreateCampaign()
                ? command.toBuilder().setCreateCampaign(command.getCreateCampaign().toBuilder().clearAudience()).build()
                : command;
        for (int i = 0; i < chunks.size(); i++) {
            kv.put(chunkKey(seq, i), AudienceChunk.newBuilder().addAllMembers(chunks.get(i)).build().toByteArray());
        }
        kv.put("q/" + seq, ParkedCommand.newBuilder().setCommand(stripped).setAudienceChunkCount(chunks.size())
                .setRecordTimestampMs(recordTimestamp).build().toByteArray());
        adjust(command.getCampaignId(), +1);
        maybeOccupied = true;
    }

    /** Every parked command in arrival order (without audiences: the list stays small). */
    List<Parked> queue() {
        if (!maybeOccupied) {
            return List.of();
        }
        List<Parked> queue = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = kv.range("q/", "q0")) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> e = it.next();
                queue.add(new Parked(e.key, StateCodec.parse(() -> ParkedCommand.parseFrom(e.value))));
            }
        }
        maybeOccupied = !queue.isEmpty();
        return queue;
    }

    /** The command as it arrived, audience included. */
    CampaignCommand restore(Parked p) {
        ParkedCommand parked = p.parked();
        if (parked.getAudienceChunkCount() == 0) {
            return parked.getCommand();
        }
        var create = parked.getCommand().getCreateCampaign().toBuilder();
        for (int i = 0; i < parked.getAudienceChunkCount(); i++) {
            byte[] chunk = kv.get(chunkKey(seqOf(p), i));
            create.addAllAudience(StateCodec.parse(() -> AudienceChunk.parseFrom(chunk)).getMembersList());
        }
        return parked.getCommand().toBuilder().setCreateCampaign(create).build();
    }

    void remove(Parked p) {
        for (int i = 0; i < p.parked().getAudienceChunkCount(); i++) {
            kv.delete(chunkKey(seqOf(p), i));
        }
        kv.delete(p.key());
        adjust(p.campaignId(), -1);
    }

    private long next() {
        byte[] last = kv.get("n");
        long seq = last == null ? 1 : ByteBuffer.wrap(last).getLong() + 1;
        kv.put("n", ByteBuffer.allocate(Long.BYTES).putLong(seq).array());
        return seq;
    }

    private void adjust(String campaignId, int delta) {
        byte[] current = kv.get("c/" + campaignId);
        int count = (current == null ? 0 : ByteBuffer.wrap(current).getInt()) + delta;
        if (count <= 0) {
            kv.delete("c/" + campaignId);
        } else {
            kv.put("c/" + campaignId, ByteBuffer.allocate(Integer.BYTES).putInt(count).array());
        }
    }

    private static String seqOf(Parked p) {
        return p.key().substring(2);
    }

    private static String chunkKey(String seq, int index) {
        return "a/" + seq + "/" + String.format("%05d", index);
    }
}
