package dev.pidgr.command.device;

import com.google.protobuf.Timestamp;
import dev.pidgr.api.v1.Platform;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One recipient's devices and email address as the device decider sees them: the aggregate
 * (organization, user). Devices in the order they were first registered. An inactive device keeps
 * no token: nothing is pushed to it, and registering it again brings a new one. {@link #none} is a
 * recipient with no events yet (version 0).
 */
public record DeviceState(String organizationId, String userId, long version, List<Device> devices, String email) {

    /** One device of the recipient. */
    public record Device(String deviceId, Platform platform, String pushToken, boolean active, Timestamp createdAt,
                         Timestamp lastSeen) {
    }

    public DeviceState {
        devices = List.copyOf(devices);
    }

    public static DeviceState none(String organizationId, String userId) {
        return new DeviceState(organizationId, userId, 0, List.of(), "");
    }

    public Optional<Device> device(String deviceId) {
        return devices.stream().filter(d -> d.deviceId().equals(deviceId)).findFirst();
    }

    public long activeCount() {
        return devices.stream().filter(Device::active).count();
    }

    /** This state with {@code device} put in place of the one with its id (or added last), at {@code newVersion}. */
    DeviceState with(Device device, long newVersion) {
        Map<String, Device> byId = new LinkedHashMap<>();
        devices.forEach(d -> byId.put(d.deviceId(), d));
        byId.put(device.deviceId(), device);
        return new DeviceState(organizationId, userId, newVersion, List.copyOf(byId.values()), email);
    }

    DeviceState withEmail(String address, long newVersion) {
        return new DeviceState(organizationId, userId, newVersion, devices, address);
    }
}
