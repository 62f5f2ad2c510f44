package dev.pidgr.faults.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import dev.pidgr.events.v1.Channel;
import dev.pidgr.localproviders.apns.ApnsServer;
import dev.pidgr.localproviders.fcm.FcmServer;
import dev.pidgr.localproviders.webpush.PushService;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every message the local providers and the SMTP server received, as one list: its channel, the push id it carried
 * (APNs: the payload's {@code push_id}, FCM: the data's, Web Push: the payload the browser decrypts, email: the
 * {@code Message-ID <push_id@pidgr>}), the provider's id of it and whether the provider accepted it.
 */
public final class ProviderSends {

    /**
     * One message a provider answered; {@code providerMessageId} is what a receipt of it names ("" refused);
     * {@code replaceKey} is what a device or mail client replaces an earlier copy by (APNs {@code apns-collapse-id},
     * FCM's Android notification tag, Web Push's {@code Topic}, email's Message-ID).
     */
    public record Send(Channel channel, String pushId, String providerMessageId, boolean accepted,
            String replaceKey) {}

    /** One (channel, push id): what the at-most-once-per-attempt checks count by. */
    public record Key(Channel channel, String pushId) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Send> sends;

    private ProviderSends(List<Send> sends) {
        this.sends = List.copyOf(sends);
    }

    /** What the providers have received so far; Web Push bodies are decrypted with each member's browser. */
    public static ProviderSends read(LocalProviders providers, GreenMail mail, PushContacts contacts)
            throws Exception {
        List<Send> sends = new ArrayList<>();
        for (ApnsServer.Received r : providers.apns.received()) {
            sends.add(new Send(Channel.CHANNEL_APNS, JSON.readTree(r.payload()).path("push_id").asText(),
                    r.apnsId(), r.status() == 200, r.collapseId()));
        }
        for (FcmServer.Received r : providers.fcm.received()) {
            sends.add(new Send(Channel.CHANNEL_FCM, r.body().path("message").path("data").path("push_id").asText(),
                    r.name(), r.status() == 200, r.body().at("/message/android/notification/tag").asText()));
        }
        for (PushService.Received r : providers.webPush.received()) {
            byte[] payload = contacts.browser(r.subscription()).decrypt(r.body());
            sends.add(new Send(Channel.CHANNEL_WEB_PUSH, JSON.readTree(payload).path("push_id").asText(),
                    r.location(), r.status() == 201, r.topic()));
        }
        for (MimeMessage message : mail.getReceivedMessages()) {
            String id = message.getMessageID();
            sends.add(new Send(Channel.CHANNEL_EMAIL, id.substring(1, id.indexOf('@')), id, true, id));
        }
        return new ProviderSends(sends);
    }

    /** How many messages the providers received so far, cheaply (nothing decrypted): to time a kill. */
    public static int count(LocalProviders providers, GreenMail mail) {
        return providers.apns.received().size() + providers.fcm.received().size()
                + providers.webPush.received().size() + mail.getReceivedMessages().length;
    }

    /** Messages per (channel, push id), accepted ones or refused ones. */
    public Map<Key, Long> perPush(boolean accepted) {
        return sends.stream().filter(s -> s.accepted() == accepted)
                .collect(Collectors.groupingBy(s -> new Key(s.channel(), s.pushId()), Collectors.counting()));
    }

    /** The provider's ids of the accepted messages of each (channel, push id). */
    public Map<Key, List<String>> providerIds() {
        return sends.stream().filter(Send::accepted).collect(Collectors.groupingBy(s -> new Key(s.channel(),
                s.pushId()), Collectors.mapping(Send::providerMessageId, Collectors.toList())));
    }

    /** Messages per channel, accepted ones or refused ones. */
    public Map<Channel, Long> perChannel(boolean accepted) {
        return sends.stream().filter(s -> s.accepted() == accepted)
                .collect(Collectors.groupingBy(Send::channel, Collectors.counting()));
    }

    /**
     * The accepted messages whose replace key is not their push's (as each channel spells it): a copy of such a
     * message would show twice instead of replacing the first.
     */
    public List<Send> notReplacingTheirCopies() {
        return sends.stream().filter(Send::accepted).filter(s -> !s.replaceKey().equals(switch (s.channel()) {
            case CHANNEL_WEB_PUSH -> s.pushId().replace("-", "");
            case CHANNEL_EMAIL -> "<" + s.pushId() + "@pidgr>";
            default -> s.pushId();
        })).toList();
    }

    /** Accepted messages beyond the first of each (channel, push id), per channel: the copies. */
    public Map<Channel, Long> copies() {
        return perPush(true).entrySet().stream().collect(Collectors.groupingBy(e -> e.getKey().channel(),
                Collectors.summingLong(e -> e.getValue() - 1)));
    }
}
