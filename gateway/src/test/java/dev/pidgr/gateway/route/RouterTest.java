package dev.pidgr.gateway.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pidgr.api.v1.Platform;
import dev.pidgr.events.v1.Channel;
import dev.pidgr.events.v1.PushRequest;
import dev.pidgr.gateway.contact.Contact;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouterTest {

    private static final PushRequest PUSH =
            PushRequest.newBuilder().setOrganizationId("org-1").setUserId("u1").setPushId("p1").build();

    private final Router withEmail = new Router(org -> org.equals("org-1"));
    private final Router withoutEmail = new Router(org -> false);

    @Test
    void shouldTargetEveryActiveDeviceOnItsPlatformsChannelAndTheEmail() {
        Contact contact = new Contact(3, Map.of(
                "phone", new Contact.Device(Platform.PLATFORM_IOS, "apns-token"),
                "tablet", new Contact.Device(Platform.PLATFORM_ANDROID, "fcm-token"),
                "laptop", new Contact.Device(Platform.PLATFORM_WEB, "{\"endpoint\":\"https://push.example\"}")),
                "ada@example.org");

        assertThat(withEmail.route(PUSH, contact)).containsExactly(
                new Target(Channel.CHANNEL_WEB_PUSH, "laptop", "{\"endpoint\":\"https://push.example\"}"),
                new Target(Channel.CHANNEL_APNS, "phone", "apns-token"),
                new Target(Channel.CHANNEL_FCM, "tablet", "fcm-token"),
                new Target(Channel.CHANNEL_EMAIL, "", "ada@example.org"));
    }

    @Test
    void shouldRouteNowhereForARecipientWithoutDevicesOrEmail() {
        assertThat(withEmail.route(PUSH, Contact.NONE)).isEmpty();
    }

    @Test
    void shouldLeaveOutTheEmailWhenTheOrganizationHasNoSmtpServer() {
        Contact emailOnly = new Contact(1, Map.of(), "ada@example.org");

        assertThat(withoutEmail.route(PUSH, emailOnly)).isEmpty();
        assertThat(withEmail.route(PUSH, emailOnly))
                .containsExactly(new Target(Channel.CHANNEL_EMAIL, "", "ada@example.org"));
    }
}
