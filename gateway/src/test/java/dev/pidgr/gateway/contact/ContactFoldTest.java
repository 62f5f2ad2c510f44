package dev.pidgr.gateway.contact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pidgr.api.v1.Platform;
import dev.pidgr.events.v1.DeactivationReason;
import dev.pidgr.events.v1.DeviceDeactivated;
import dev.pidgr.events.v1.DeviceEvent;
import dev.pidgr.events.v1.DeviceRegistered;
import dev.pidgr.events.v1.DeviceTokenReplaced;
import dev.pidgr.events.v1.EmailSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContactFoldTest {

    static DeviceEvent.Builder event(long version) {
        return DeviceEvent.newBuilder().setOrganizationId("org-1").setUserId("u1").setVersion(version);
    }

    static DeviceEvent registered(long version, String device, String token) {
        return event(version).setRegistered(DeviceRegistered.newBuilder()
                .setDeviceId(device).setPlatform(Platform.PLATFORM_IOS).setPushToken(token)).build();
    }

    private static Contact given(DeviceEvent... events) {
        Contact contact = Contact.NONE;
        for (DeviceEvent event : events) {
            contact = ContactFold.apply(contact, event);
        }
        return contact;
    }

    @Test
    void shouldKnowARegisteredDeviceWithItsLatestToken() {
        Contact contact = given(registered(1, "phone", "t1"), event(2).setTokenReplaced(DeviceTokenReplaced
                .newBuilder().setDeviceId("phone").setPlatform(Platform.PLATFORM_IOS).setPushToken("t2")).build());

        assertThat(contact.devices()).isEqualTo(Map.of("phone", new Contact.Device(Platform.PLATFORM_IOS, "t2")));
        assertThat(contact.version()).isEqualTo(2);
    }

    @Test
    void shouldForgetADeactivatedDevice() {
        Contact contact = given(registered(1, "phone", "t1"), event(2).setDeactivated(DeviceDeactivated.newBuilder()
                .setDeviceId("phone").setReason(DeactivationReason.DEACTIVATION_REASON_UNREGISTERED)).build());

        assertThat(contact.devices()).isEmpty();
        assertThat(contact.reachable()).isFalse();
    }

    @Test
    void shouldSetAndClearTheEmail() {
        DeviceEvent set = event(1).setEmailSet(EmailSet.newBuilder().setEmail("ada@example.org")).build();

        assertThat(given(set).email()).isEqualTo("ada@example.org");
        assertThat(given(set, event(2).setEmailSet(EmailSet.getDefaultInstance()).build()).email()).isEmpty();
    }

    @Test
    void shouldIgnoreARepeatedEvent() {
        Contact contact = given(registered(1, "phone", "t1"), registered(2, "tablet", "t2"),
                registered(2, "tablet", "other"));

        assertThat(contact.devices().get("tablet").pushToken()).isEqualTo("t2");
    }
}
