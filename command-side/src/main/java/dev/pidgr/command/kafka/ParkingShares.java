package dev.pidgr.command.kafka;

import dev.pidgr.command.CommandSettings;
import dev.pidgr.command.store.ParkingShare;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Each organization's use of the parking lot (key {@code o/<organizationId>}): how many commands it
 * has parked and their sizes. A command parks only while its organization stays within the cap, so
 * one organization cannot fill the lot's store, or the retry tick's time, for the others.
 */
final class ParkingShares {

    private final KeyValueStore<String, byte[]> kv;
    private final CommandSettings.ParkingCap cap;

    ParkingShares(KeyValueStore<String, byte[]> kv, CommandSettings.ParkingCap cap) {
        this.kv = kv;
        this.cap = cap;
    }

    /** Whether a command of {@code size} bytes fits in the organization's share. */
    boolean hasRoom(String organizationId, long size) {
        ParkingShare share = of(organizationId);
        return share.getCommands() < cap.commands() && share.getBytes() + size <= cap.bytes();
    }

    void take(String organizationId, long size) {
        adjust(organizationId, 1, size);
    }

    void release(String organizationId, long size) {
        adjust(organizationId, -1, -size);
    }

    private void adjust(String organizationId, int commands, long bytes) {
        ParkingShare share = of(organizationId);
        int left = share.getCommands() + commands;
        if (left <= 0) {
            kv.delete(key(organizationId));
        } else {
            kv.put(key(organizationId), ParkingShare.newBuilder().setCommands(left)
                    .setBytes(Math.max(0, share.getBytes() + bytes)).build().toByteArray());
        }
    }

    private ParkingShare of(String organizationId) {
        byte[] bytes = kv.get(key(organizationId));
        return bytes == null
                ? ParkingShare.getDefaultInstance()
                : StateCodec.parse(() -> ParkingShare.parseFrom(bytes));
    }

    private static String key(String organizationId) {
        return "o/" + organizationId;
    }
}
