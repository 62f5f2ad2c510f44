package dev.pidgr.faults;

import static dev.pidgr.faults.support.Case.invalid;
import static dev.pidgr.faults.support.Case.of;

import dev.pidgr.api.v1.DeactivateRequest;
import dev.pidgr.api.v1.DeviceServiceGrpc;
import dev.pidgr.api.v1.DeviceSummary;
import dev.pidgr.api.v1.ListDevicesRequest;
import dev.pidgr.api.v1.ListDevicesResponse;
import dev.pidgr.api.v1.Platform;
import dev.pidgr.api.v1.RegisterRequest;
import dev.pidgr.api.v1.SetEmailRequest;
import dev.pidgr.faults.support.Case;
import io.grpc.Status.Code;
import java.util.ArrayList;
import java.util.List;

/**
 * DeviceService rows of the invalid-request matrix (docs/api.md, DeviceService): every field rule of
 * Register and SetEmail, the active-device bound, an unknown device, and that a recipient sees only their
 * own devices. A's recipient has device {@link #REGISTERED}, which organization B's same user id must
 * not reach.
 */
final class DeviceCases {

    /** A device of organization A's {@link MatrixFixture#RECIPIENT}. */
    static final String REGISTERED = "matrix-phone";
    private static final String WEB = """
            {"endpoint":"https://push.example.net/push/JzLQ3raZJfFBR0aqvOMsLrt54w4rJUsV",\
            "keys":{"p256dh":"BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4",\
            "auth":"BTBZMqHH6r4Tts7J_aSIgg"}}""";

    private DeviceCases() {
    }

    static RegisterRequest phone(String deviceId) {
        return RegisterRequest.newBuilder().setDeviceId(deviceId).setPlatform(Platform.PLATFORM_IOS)
                .setPushToken("apns-" + deviceId).build();
    }

    private static RegisterRequest web(String token) {
        return RegisterRequest.newBuilder().setDeviceId("browser").setPlatform(Platform.PLATFORM_WEB)
                .setPushToken(token).build();
    }

    static List<Case> cases(MatrixFixture f) {
        DeviceServiceGrpc.DeviceServiceBlockingStub d = f.a.devices(f.a.recipient(MatrixFixture.RECIPIENT));
        d.register(phone(REGISTERED));
        List<Case> cases = new ArrayList<>();
        String reg = "Register";
        cases.add(invalid(reg, "no device_id", "device_id", () -> d.register(phone(""))));
        cases.add(invalid(reg, "device_id of 201", "device_id", () -> d.register(phone("d".repeat(201)))));
        cases.add(invalid(reg, "no platform", "platform", () -> d.register(phone("p").toBuilder()
                .setPlatform(Platform.PLATFORM_UNSPECIFIED).build())));
        cases.add(invalid(reg, "undefined platform", "platform", () -> d.register(phone("p").toBuilder()
                .setPlatformValue(42).build())));
        cases.add(invalid(reg, "no push_token", "push_token", () -> d.register(phone("p").toBuilder()
                .setPushToken("").build())));
        cases.add(invalid(reg, "push_token of 4,097", "push_token", () -> d.register(phone("p").toBuilder()
                .setPushToken("t".repeat(4_097)).build())));
        cases.add(invalid(reg, "WEB token not JSON", "push_token", () -> d.register(web("not json"))));
        cases.add(invalid(reg, "WEB endpoint over http", "push_token",
                () -> d.register(web(WEB.replace("https://", "http://")))));
        cases.add(invalid(reg, "WEB auth of 12 bytes", "push_token",
                () -> d.register(web(WEB.replace("BTBZMqHH6r4Tts7J_aSIgg", "BTBZMqHH6r4Tts7J")))));
        cases.add(invalid(reg, "WEB p256dh off the curve", "push_token",
                () -> d.register(web(WEB.replace("BCVxsr7N", "BCVxsr7M")))));
        cases.add(of(reg, "a 51st active device", Code.FAILED_PRECONDITION, () -> fiftyFirst(f)));
        String deactivate = "Deactivate";
        cases.add(invalid(deactivate, "no device_id", "device_id",
                () -> d.deactivate(DeactivateRequest.getDefaultInstance())));
        cases.add(of(deactivate, "unknown device", Code.NOT_FOUND,
                () -> d.deactivate(DeactivateRequest.newBuilder().setDeviceId("never-registered").build())));
        String email = "SetEmail";
        cases.add(invalid(email, "no @", "email", () -> d.setEmail(address("ada.example.org"))));
        cases.add(invalid(email, "two @", "email", () -> d.setEmail(address("ada@@example.org"))));
        cases.add(invalid(email, "a space", "email", () -> d.setEmail(address("ada @example.org"))));
        cases.add(invalid(email, "no dot in the domain", "email", () -> d.setEmail(address("ada@example"))));
        cases.add(invalid(email, "255 characters", "email",
                () -> d.setEmail(address("a".repeat(243) + "@example.org"))));
        cases.add(of("ListDevices", "another recipient's devices are not listed", Code.OK, () -> {
            ListDevicesResponse theirs = f.a.devices(f.a.recipient(MatrixFixture.OTHER_RECIPIENT))
                    .listDevices(ListDevicesRequest.getDefaultInstance());
            noneOfA(theirs);
        }));
        return cases;
    }

    private static SetEmailRequest address(String email) {
        return SetEmailRequest.newBuilder().setEmail(email).build();
    }

    /** A fresh recipient with 50 active devices registers one more. */
    private static void fiftyFirst(MatrixFixture f) {
        DeviceServiceGrpc.DeviceServiceBlockingStub d = f.a.devices(f.a.recipient("user-many-devices"));
        for (int i = 0; i < 50; i++) {
            d.register(phone("many-" + i));
        }
        d.register(phone("many-50"));
    }

    /** Nobody but A's recipient may see A's recipient's device. */
    static void noneOfA(ListDevicesResponse response) {
        List<String> leaked = response.getDevicesList().stream().map(DeviceSummary::getDeviceId)
                .filter(REGISTERED::equals).toList();
        if (!leaked.isEmpty()) {
            throw new AssertionError("organization A's recipient's device listed: " + leaked);
        }
    }
}
