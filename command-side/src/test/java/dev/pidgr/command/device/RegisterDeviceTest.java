package dev.pidgr.command.device;

import static dev.pidgr.command.device.DeviceFixture.recipient;
import static dev.pidgr.command.testing.Devices.WEB_SUBSCRIPTION;
import static dev.pidgr.command.testing.Devices.ios;
import static dev.pidgr.command.testing.Devices.register;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pidgr.api.v1.Platform;
import dev.pidgr.command.decision.Violation;
import dev.pidgr.command.testing.Commands;
import dev.pidgr.command.testing.Devices;
import dev.pidgr.events.v1.DeviceCommand;
import dev.pidgr.events.v1.DeviceEvent;
import dev.pidgr.events.v1.DeviceRegistered;
import dev.pidgr.events.v1.DeviceTokenReplaced;
import dev.pidgr.events.v1.RejectionCode;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegisterDeviceTest {

    @Test
    void shouldRegisterANewDeviceAsVersionOne() {
        List<DeviceEvent> events = recipient().when(ios("phone", "tok-1")).then(DeviceRegistered.newBuilder()
                .setDeviceId("phone").setPlatform(Platform.PLATFORM_IOS).setPushToken("tok-1").build());

        DeviceEvent e = events.getFirst();
        assertThat(e.getVersion()).isEqualTo(1);
        assertThat(e.getUserId()).isEqualTo(Devices.USER);
        assertThat(e.getOrganizationId()).isEqualTo(Commands.ORG);
        assertThat(e.getActor()).isEqualTo(Devices.USER);
        assertThat(e.getOccurredAt()).isEqualTo(Commands.ISSUED_AT);
    }

    @Test
    void shouldReplaceTheTokenOfAKnownDevice() {
        recipient().given(ios("phone", "tok-1"))
                .when(register("phone", Platform.PLATFORM_ANDROID, "tok-2"))
                .then(DeviceTokenReplaced.newBuilder().setDeviceId("phone").setPlatform(Platform.PLATFORM_ANDROID)
                        .setPushToken("tok-2").build());
    }

    @Test
    void shouldReactivateADeactivatedDeviceWhenItRegistersAgain() {
        DeviceFixture f = recipient().given(ios("phone", "tok-1"), Devices.deactivate("phone"), ios("phone", "tok-3"));

        assertThat(f.state().device("phone").orElseThrow().active()).isTrue();
        assertThat(f.state().device("phone").orElseThrow().pushToken()).isEqualTo("tok-3");
        assertThat(f.state().version()).isEqualTo(3);
    }

    @Test
    void shouldRefuseAMissingDeviceIdPlatformAndToken() {
        List<Violation> v = recipient().when(register("", Platform.PLATFORM_UNSPECIFIED, ""))
                .thenRejected(RejectionCode.REJECTION_CODE_INVALID_ARGUMENT, "device_id is required").violations();

        assertThat(v).extracting(Violation::field).containsExactly("device_id", "platform", "push_token");
    }

    @Test
    void shouldRefuseAPlatformNumberThisVersionDoesNotKnow() {
        DeviceCommand.Builder unknown = ios("phone", "t");
        unknown.getRegisterDeviceBuilder().setPlatformValue(42);

        List<Violation> v = recipient().when(unknown)
                .thenRejected(RejectionCode.REJECTION_CODE_INVALID_ARGUMENT, "platform").violations();

        assertThat(v).extracting(Violation::field).containsExactly("platform");
    }

    @Test
    void shouldRefuseADeviceIdOver200AndATokenOver4096Characters() {
        List<Violation> v = recipient().when(ios("d".repeat(201), "t".repeat(4097)))
                .thenRejected(RejectionCode.REJECTION_CODE_INVALID_ARGUMENT, "at most 200").violations();

        assertThat(v).extracting(Violation::field).containsExactly("device_id", "push_token");
    }

    @Test
    void shouldAcceptTheLongestDeviceIdAndToken() {
        recipient().when(ios("d".repeat(200), "t".repeat(4096))).then(DeviceRegistered.newBuilder()
                .setDeviceId("d".repeat(200)).setPlatform(Platform.PLATFORM_IOS).setPushToken("t".repeat(4096))
                .build());
    }

    @Test
    void shouldAcceptABrowsersPushSubscriptionForWeb() {
        recipient().when(register("browser", Platform.PLATFORM_WEB, WEB_SUBSCRIPTION))
                .then(DeviceRegistered.newBuilder().setDeviceId("browser").setPlatform(Platform.PLATFORM_WEB)
                        .setPushToken(WEB_SUBSCRIPTION).build());
    }

    @Test
    void shouldRefuseAWebTokenThatIsNoSubscription() {
        String http = WEB_SUBSCRIPTION.replace("https://", "http://");
        String shortAuth = WEB_SUBSCRIPTION.replace("BTBZMqHH6r4Tts7J_aSIgg", "BTBZMqHH6r4Tts7J");
        String offCurve = WEB_SUBSCRIPTION.replace("BCVxsr7N", "BCVxsr7M");

        assertThat(webProblem("not json")).contains("not valid JSON");
        assertThat(webProblem(http)).contains("https");
        assertThat(webProblem(shortAuth)).contains("keys.auth");
        assertThat(webProblem(offCurve)).contains("keys.p256dh");
        assertThat(webProblem("{\"endpoint\":\"https://push.example.net/x\"}")).contains("keys is missing");
    }

    @Test
    void shouldRefuseA51stActiveDevice() {
        DeviceFixture f = recipient();
        for (int i = 0; i < DeviceRules.MAX_ACTIVE_DEVICES; i++) {
            f.given(ios("d" + i, "t"));
        }

        Violation v = f.when(ios("one-more", "t"))
                .thenRejected(RejectionCode.REJECTION_CODE_FAILED_PRECONDITION, "at most 50 active devices")
                .violations().getFirst();
        assertThat(v.field()).isEqualTo("device_id");
    }

    @Test
    void shouldLetAnActiveDeviceRegisterAgainAtTheBound() {
        DeviceFixture f = recipient();
        for (int i = 0; i < DeviceRules.MAX_ACTIVE_DEVICES; i++) {
            f.given(ios("d" + i, "t"));
        }

        f.when(ios("d7", "t2")).then(DeviceTokenReplaced.newBuilder().setDeviceId("d7")
                .setPlatform(Platform.PLATFORM_IOS).setPushToken("t2").build());
    }

    private static String webProblem(String token) {
        return recipient().when(register("browser", Platform.PLATFORM_WEB, token))
                .thenRejected(RejectionCode.REJECTION_CODE_INVALID_ARGUMENT, "PushSubscription")
                .violations().getFirst().description();
    }
}
