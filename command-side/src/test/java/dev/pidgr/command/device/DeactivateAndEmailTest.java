package dev.pidgr.command.device;

import static dev.pidgr.command.device.DeviceFixture.recipient;
import static dev.pidgr.command.testing.Devices.deactivate;
import static dev.pidgr.command.testing.Devices.ios;
import static dev.pidgr.command.testing.Devices.setEmail;
import static dev.pidgr.command.testing.Devices.unregistered;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pidgr.command.decision.Violation;
import dev.pidgr.events.v1.DeactivationReason;
import dev.pidgr.events.v1.DeviceDeactivated;
import dev.pidgr.events.v1.EmailSet;
import dev.pidgr.events.v1.RejectionCode;
import org.junit.jupiter.api.Test;

class DeactivateAndEmailTest {

    @Test
    void shouldDeactivateAnActiveDevice() {
        recipient().given(ios("phone", "tok-1")).when(deactivate("phone")).then(DeviceDeactivated.newBuilder()
                .setDeviceId("phone").setReason(DeactivationReason.DEACTIVATION_REASON_USER).build());
    }

    @Test
    void shouldAcceptDeactivatingAnInactiveDeviceWithoutAnEvent() {
        recipient().given(ios("phone", "tok-1"), deactivate("phone")).when(deactivate("phone")).then();
    }

    @Test
    void shouldRefuseDeactivatingAnUnknownDeviceAsNotFound() {
        recipient().given(ios("phone", "tok-1")).when(deactivate("tablet"))
                .thenRejected(RejectionCode.REJECTION_CODE_NOT_FOUND, "device tablet not found");
    }

    @Test
    void shouldDeactivateOnUnregisteredWhenTheDeviceStillHasThatToken() {
        recipient().given(ios("phone", "tok-1")).when(unregistered("phone", "tok-1")).then(DeviceDeactivated
                .newBuilder().setDeviceId("phone").setReason(DeactivationReason.DEACTIVATION_REASON_UNREGISTERED)
                .build());
    }

    @Test
    void shouldKeepADeviceRegisteredAgainWhenTheOldTokenIsUnregistered() {
        DeviceFixture f = recipient().given(ios("phone", "tok-1"), ios("phone", "tok-2"));

        f.when(unregistered("phone", "tok-1")).then();
        assertThat(f.state().device("phone").orElseThrow().active()).isTrue();
    }

    @Test
    void shouldRefuseAnUnregisteredDeactivationWithoutToken() {
        Violation v = recipient().given(ios("phone", "tok-1")).when(unregistered("phone", ""))
                .thenRejected(RejectionCode.REJECTION_CODE_INVALID_ARGUMENT, "token").violations().getFirst();
        assertThat(v.field()).isEqualTo("push_token");
    }

    @Test
    void shouldSetAndClearTheEmail() {
        recipient().when(setEmail("ada@example.org")).then(EmailSet.newBuilder().setEmail("ada@example.org").build());
        recipient().given(setEmail("ada@example.org")).when(setEmail("")).then(EmailSet.getDefaultInstance());
    }

    @Test
    void shouldAcceptTheSameEmailWithoutAnEvent() {
        recipient().given(setEmail("ada@example.org")).when(setEmail("ada@example.org")).then();
    }

    @Test
    void shouldRefuseImplausibleAddresses() {
        for (String bad : new String[] {"ada", "ada@example", "ada@@example.org", "a da@example.org",
            "@example.org", "ada@example.", "ada@.org", "a".repeat(243) + "@example.org"}) {
            Violation v = recipient().when(setEmail(bad))
                    .thenRejected(RejectionCode.REJECTION_CODE_INVALID_ARGUMENT, "email").violations().getFirst();
            assertThat(v.field()).as(bad).isEqualTo("email");
        }
    }

    @Test
    void shouldAcceptAnAddressOf254Characters() {
        String address = "a".repeat(242) + "@example.org";
        recipient().when(setEmail(address)).then(EmailSet.newBuilder().setEmail(address).build());
    }
}
