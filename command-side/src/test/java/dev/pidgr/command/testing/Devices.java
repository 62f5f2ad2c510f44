package dev.pidgr.command.testing;

import dev.pidgr.api.v1.Platform;
import dev.pidgr.events.v1.DeactivateDevice;
import dev.pidgr.events.v1.DeactivationReason;
import dev.pidgr.events.v1.DeviceCommand;
import dev.pidgr.events.v1.RegisterDevice;
import dev.pidgr.events.v1.SetEmail;

/** Device commands as the api (and the gateway) send them, for one recipient. */
public final class Devices {

    public static final String USER = "user-42";
    /** A browser's PushSubscription.toJSON(): the key pair of RFC 8291's example. */
    public static final String WEB_SUBSCRIPTION = """
            {"endpoint":"https://push.example.net/push/JzLQ3raZJfFBR0aqvOMsLrt54w4rJUsV",\
            "keys":{"p256dh":"BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4",\
            "auth":"BTBZMqHH6r4Tts7J_aSIgg"}}""";

    private Devices() {
    }

    public static DeviceCommand.Builder device(String rpc) {
        return DeviceCommand.newBuilder().setUserId(USER).setMetadata(Commands.metadata(rpc).setActor(USER));
    }

    public static DeviceCommand.Builder register(String deviceId, Platform platform, String token) {
        return device("Register").setRegisterDevice(
                RegisterDevice.newBuilder().setDeviceId(deviceId).setPlatform(platform).setPushToken(token));
    }

    public static DeviceCommand.Builder ios(String deviceId, String token) {
        return register(deviceId, Platform.PLATFORM_IOS, token);
    }

    public static DeviceCommand.Builder deactivate(String deviceId) {
        return device("Deactivate").setDeactivateDevice(DeactivateDevice.newBuilder().setDeviceId(deviceId)
                .setReason(DeactivationReason.DEACTIVATION_REASON_USER));
    }

    /** As the channel gateway sends it when a provider refused {@code token}. */
    public static DeviceCommand.Builder unregistered(String deviceId, String token) {
        DeviceCommand.Builder c = device("").setDeactivateDevice(DeactivateDevice.newBuilder().setDeviceId(deviceId)
                .setReason(DeactivationReason.DEACTIVATION_REASON_UNREGISTERED).setPushToken(token));
        c.getMetadataBuilder().setActor("system:gateway");
        return c;
    }

    public static DeviceCommand.Builder setEmail(String email) {
        return device("SetEmail").setSetEmail(SetEmail.newBuilder().setEmail(email));
    }
}
