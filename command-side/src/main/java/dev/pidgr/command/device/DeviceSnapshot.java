package dev.pidgr.command.device;

import dev.pidgr.api.v1.DeviceSummary;

/** A device as a command result shows it: without its token. */
public final class DeviceSnapshot {

    private DeviceSnapshot() {
    }

    public static DeviceSummary of(DeviceState state, String deviceId) {
        DeviceState.Device d = state.device(deviceId)
                .orElseThrow(() -> new IllegalArgumentException("device " + deviceId + " is not in the state"));
        return DeviceSummary.newBuilder()
                .setDeviceId(d.deviceId())
                .setUserId(state.userId())
                .setPlatform(d.platform())
                .setActive(d.active())
                .setLastSeen(d.lastSeen())
                .setCreatedAt(d.createdAt())
                .build();
    }
}
