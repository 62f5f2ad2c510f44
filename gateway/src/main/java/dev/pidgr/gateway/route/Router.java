package dev.pidgr.gateway.route;

import dev.pidgr.api.v1.Platform;
import dev.pidgr.events.v1.Channel;
import dev.pidgr.events.v1.PushRequest;
import dev.pidgr.gateway.contact.Contact;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Decides where one push request goes: pure. Every active device of the recipient is a target on its platform's
 * channel; the email address is one more when the recipient's organization has email configured. No target at all
 * is NO_DEVICE (docs/channels.md).
 */
public final class Router {

    private final Predicate<String> emailConfigured;

    /** @param emailConfigured whether an organization (by id) has SMTP settings, its own or the default */
    public Router(Predicate<String> emailConfigured) {
        this.emailConfigured = emailConfigured;
    }

    /** The targets of {@code push} for a recipient known as {@code contact}; empty means NO_DEVICE. */
    public List<Target> route(PushRequest push, Contact contact) {
        List<Target> targets = new ArrayList<>();
        contact.devices().forEach((deviceId, device) ->
                targets.add(new Target(channelOf(device.platform()), deviceId, device.pushToken())));
        if (!contact.email().isEmpty() && emailConfigured.test(push.getOrganizationId())) {
            targets.add(new Target(Channel.CHANNEL_EMAIL, "", contact.email()));
        }
        return List.copyOf(targets);
    }

    /** The channel of a platform; a platform this gateway does not know has none. */
    static Channel channelOf(Platform platform) {
        return switch (platform) {
            case PLATFORM_IOS -> Channel.CHANNEL_APNS;
            case PLATFORM_ANDROID -> Channel.CHANNEL_FCM;
            case PLATFORM_WEB -> Channel.CHANNEL_WEB_PUSH;
            case PLATFORM_UNSPECIFIED, UNRECOGNIZED -> Channel.CHANNEL_UNSPECIFIED;
        };
    }
}
