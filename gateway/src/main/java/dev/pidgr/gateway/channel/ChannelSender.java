package dev.pidgr.gateway.channel;

import dev.pidgr.events.v1.Channel;
import java.util.concurrent.CompletionStage;

/**
 * One provider (APNs, FCM, Web Push, SMTP): sends one message to one address and says what came of it.
 * A sender never throws for a provider's answer or a network failure: every end is an {@link Attempt}.
 * It limits its own concurrency (per-provider limits, docs/channels.md); the gateway retries transient
 * attempts with backoff and writes one receipt per attempt.
 */
public interface ChannelSender {

    /** The channel this sender delivers on. */
    Channel channel();

    /**
     * Sends one message. Idempotent outwards where the provider allows: the message carries
     * {@link Outgoing#pushId()} as the provider's message id (APNs {@code apns-id}, email
     * {@code Message-ID}), so a repeat after a crash is recognised by the provider or the recipient's client.
     */
    CompletionStage<Attempt> send(Outgoing message);
}
