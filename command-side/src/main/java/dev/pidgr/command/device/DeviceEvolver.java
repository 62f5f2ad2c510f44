package dev.pidgr.command.device;

import dev.pidgr.api.v1.Platform;
import dev.pidgr.events.v1.DeviceEvent;
import java.util.List;

/** {@code evolve(state, event) -> state} for a recipient's devices; the state store is a cache of its fold. */
public final class DeviceEvolver {

    private DeviceEvolver() {
    }

    public static DeviceState evolve(DeviceState state, DeviceEvent event) {
        long version = event.getVersion();
        return switch (event.getPayloadCase()) {
            case REGISTERED -> state.with(new DeviceState.Device(event.getRegistered().getDeviceId(),
                    event.getRegistered().getPlatform(), event.getRegistered().getPushToken(), true,
                    event.getOccurredAt(), event.getOccurredAt()), version);
            case TOKEN_REPLACED -> {
                DeviceState.Device before = known(state, event.getTokenReplaced().getDeviceId(), event);
                yield state.with(new DeviceState.Device(before.deviceId(), event.getTokenReplaced().getPlatform(),
                        event.getTokenReplaced().getPushToken(), true, before.createdAt(), event.getOccurredAt()),
                        version);
            }
            case DEACTIVATED -> {
                DeviceState.Device before = known(state, event.getDeactivated().getDeviceId(), event);
                yield state.with(new DeviceState.Device(before.deviceId(), before.platform(), "", false,
                        before.createdAt(), before.lastSeen()), version);
            }
            case EMAIL_SET -> state.withEmail(event.getEmailSet().getEmail(), version);
            case PAYLOAD_NOT_SET ->
                throw new IllegalArgumentException("device event " + event.getEventId() + " has no payload");
        };
    }

    public static DeviceState fold(String organizationId, String userId, List<DeviceEvent> events) {
        DeviceState state = DeviceState.none(organizationId, userId);
        for (DeviceEvent e : events) {
            state = evolve(state, e);
        }
        return state;
    }

    private static DeviceState.Device known(DeviceState state, String deviceId, DeviceEvent event) {
        return state.device(deviceId).orElseGet(() -> new DeviceState.Device(deviceId,
                Platform.PLATFORM_UNSPECIFIED, "", false, event.getOccurredAt(), event.getOccurredAt()));
    }
}
