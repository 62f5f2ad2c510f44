package dev.pidgr.command.kafka;

import dev.pidgr.api.v1.AudienceMember;
import dev.pidgr.command.CommandSettings;
import dev.pidgr.command.campaign.AudienceChunker;
import dev.pidgr.command.store.AudienceChunk;
import dev.pidgr.command.store.ParkedCommand;
import dev.pidgr.command.store.ParkedDecision;
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
 * {@code q/<seq>} a small entry per command (what the retry tick reads); {@code m/<seq>} the command
 * without its audience; {@code a/<seq>/<index>} its audience chunks (no value holds a whole
 * audience); {@code r/<seq>} the decision a waiting command was refused with; {@code c/<campaignId>}
 * how many commands of that campaign wait; {@code o/<organizationId>} the organization's share.
 * Everything is in one changelogged store, written in the command's transaction: a restored lot
 * holds the same commands, decisions and shares.
 */
final class ParkingLot {

    private final KeyValueStore<String, byte[]> kv;
    private final ParkingShares shares;
    /** False only when the last look found nothing: spares a scan per punctuation when idle. */
    private boolean maybeOccupied = true;

    ParkingLot(KeyValueStore<String, byte[]> kv, CommandSettings.ParkingCap cap) {
        this.kv = kv;
        this.shares = new ParkingShares(kv, cap);
    }

    boolean holds(String campaignId) {
        return kv.get("c/" + campaignId) != null;
    }

    /** Whether the command's organization has room in its share for {@code size} more bytes. */
    boolean hasRoom(CampaignCommand command, long size) {
        return shares.hasRoom(command.getMetadata().getOrganizationId(), size);
    }

    /** Parks a command behind an earlier one of its campaign; it is decided when its turn comes. */
    void queueBehind(CampaignCommand command, long recordTimestamp, long size) {
        put(command, recordTimestamp, size, null);
    }

    /** Parks a command that was refused for want of a template until {@code wait.wakeAt()}. */
    void parkWaiting(CampaignCommand command, long recordTimestamp, long size, CommandPipeline.Outcome.Wait wait) {
        put(command, recordTimestamp, size, wait);
    }

    /** A parked command was decided again and still waits. */
    void waitAgain(Parked p, CommandPipeline.Outcome.Wait wait) {
        kv.put(p.key(), Parked.waiting(p.entry().toBuilder(), wait).build().toByteArray());
        kv.put("r/" + p.seq(), Parked.decision(wait.plan()));
    }

    private void put(CampaignCommand command, long recordTimestamp, long size, CommandPipeline.Outcome.Wait wait) {
        String seq = String.format("%019d", next());
        List<List<AudienceMember>> chunks = AudienceChunker.chunks(command.getCreateCampaign().getAudienceList());
        for (int i = 0; i < chunks.size(); i++) {
            kv.put(chunkKey(seq, i), AudienceChunk.newBuilder().addAllMembers(chunks.get(i)).build().toByteArray());
        }
        kv.put("m/" + seq, withoutAudience(command).toByteArray());
        ParkedCommand.Builder entry = ParkedCommand.newBuilder().setAudienceChunkCount(chunks.size())
                .setRecordTimestampMs(recordTimestamp).setCampaignId(command.getCampaignId())
                .setOrganizationId(command.getMetadata().getOrganizationId()).setSizeBytes(size);
        if (wait != null) {
            Parked.waiting(entry, wait);
            kv.put("r/" + seq, Parked.decision(wait.plan()));
        }
        kv.put("q/" + seq, entry.build().toByteArray());
        adjust(command.getCampaignId(), +1);
        shares.take(entry.getOrganizationId(), size);
        maybeOccupied = true;
    }

    /** Whether a command may be parked (false only once a listing found the lot empty and none came since). */
    boolean maybeOccupied() {
        return maybeOccupied;
    }

    /** Every parked command in arrival order (small entries: listing does not read commands or audiences). */
    List<Parked> list() {
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

    /** The command without its audience (an entry of an older release holds it itself). */
    CampaignCommand command(Parked p) {
        if (p.entry().hasCommand()) {
            return p.entry().getCommand();
        }
        byte[] bytes = kv.get("m/" + p.seq());
        return StateCodec.parse(() -> CampaignCommand.parseFrom(bytes));
    }

    /** The command as it arrived, audience included. */
    CampaignCommand restore(Parked p) {
        CampaignCommand command = command(p);
        if (p.entry().getAudienceChunkCount() == 0) {
            return command;
        }
        var create = command.getCreateCampaign().toBuilder();
        for (int i = 0; i < p.entry().getAudienceChunkCount(); i++) {
            byte[] chunk = kv.get(chunkKey(p.seq(), i));
            create.addAllAudience(StateCodec.parse(() -> AudienceChunk.parseFrom(chunk)).getMembersList());
        }
        return command.toBuilder().setCreateCampaign(create).build();
    }

    /** What a waiting command was refused with, and the lookups that refusal rests on. */
    ParkedDecision decision(Parked p) {
        byte[] bytes = kv.get("r/" + p.seq());
        return StateCodec.parse(() -> ParkedDecision.parseFrom(bytes));
    }

    void remove(Parked p) {
        for (int i = 0; i < p.entry().getAudienceChunkCount(); i++) {
            kv.delete(chunkKey(p.seq(), i));
        }
        kv.delete("m/" + p.seq());
        kv.delete("r/" + p.seq());
        kv.delete(p.key());
        adjust(p.campaignId(), -1);
        if (!p.entry().getOrganizationId().isEmpty()) {
            shares.release(p.entry().getOrganizationId(), p.entry().getSizeBytes());
        }
    }

    private static CampaignCommand withoutAudience(CampaignCommand command) {
        return command.hasCreateCampaign()
                ? command.toBuilder().setCreateCampaign(command.getCreateCampaign().toBuilder().clearAudience()).build()
                : command;
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

    private static String chunkKey(String seq, int index) {
        return "a/" + seq + "/" + String.format("%05d", index);
    }
}
