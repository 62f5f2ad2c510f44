package dev.pidgr.command.kafka;

import dev.pidgr.command.device.DeviceState;
import org.apache.kafka.streams.state.KeyValueStore;

/** The device store: one value per recipient (organization, user) with their devices and email. */
final class DeviceStore {

    private final KeyValueStore<String, byte[]> kv;

    DeviceStore(KeyValueStore<String, byte[]> kv) {
        this.kv = kv;
    }

    DeviceState load(String organizationId, String userId) {
        byte[] bytes = kv.get(StoreKeys.recipient(organizationId, userId));
        return bytes == null ? DeviceState.none(organizationId, userId) : StateCodec.decodeDevices(bytes);
    }

    void save(DeviceState state) {
        kv.put(StoreKeys.recipient(state.organizationId(), state.userId()), StateCodec.encode(state));
    }
}
