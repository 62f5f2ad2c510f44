package dev.pidgr.gateway.push;

import dev.pidgr.gateway.apns.ApnsSender;
import dev.pidgr.gateway.channel.ChannelSender;
import dev.pidgr.gateway.fcm.FcmSender;
import dev.pidgr.gateway.webpush.WebPushSender;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The configured push providers' senders, one per channel, for the gateway's router. Closing it closes their
 * connections.
 */
public final class PushSenders implements AutoCloseable {

    private final List<ChannelSender> senders;

    private PushSenders(List<ChannelSender> senders) {
        this.senders = List.copyOf(senders);
    }

    /** Starts a sender per configured provider; none when no provider is configured. */
    public static PushSenders fromSettings(PushSettings settings) {
        List<ChannelSender> senders = new ArrayList<>();
        try {
            settings.apns().ifPresent(apns -> senders.add(ApnsSender.start(apns)));
            settings.fcm().ifPresent(fcm -> senders.add(FcmSender.start(fcm)));
            settings.webPush().ifPresent(web -> senders.add(WebPushSender.start(web, Clock.systemUTC())));
        } catch (RuntimeException e) {
            new PushSenders(senders).close();
            throw e;
        }
        return new PushSenders(senders);
    }

    /** The senders, at most one per channel ({@code CHANNEL_APNS}, {@code CHANNEL_FCM}, {@code CHANNEL_WEB_PUSH}). */
    public List<ChannelSender> senders() {
        return senders;
    }

    @Override
    public void close() {
        for (ChannelSender sender : senders) {
            if (sender instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    // closing on shutdown: nothing left to deliver through it
                }
            }
        }
    }
}
