package dev.pidgr.gateway.apns;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.ApnsClientBuilder;
import com.eatthepath.pushy.apns.DeliveryPriority;
import com.eatthepath.pushy.apns.PushNotificationResponse;
import com.eatthepath.pushy.apns.PushType;
import com.eatthepath.pushy.apns.auth.ApnsSigningKey;
import com.eatthepath.pushy.apns.util.SimpleApnsPayloadBuilder;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;
import dev.pidgr.events.v1.Channel;
import dev.pidgr.gateway.channel.Attempt;
import dev.pidgr.gateway.channel.ChannelSender;
import dev.pidgr.gateway.channel.Outgoing;
import dev.pidgr.gateway.push.ConcurrencyLimit;
import dev.pidgr.gateway.push.Refusals;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends alerts to iOS devices through APNs with Pushy: token (JWT, ES256) authentication from the .p8 key, the push
 * id as {@code apns-id} so APNs and the device see a repeat as the same notification, push type alert.
 */
public final class ApnsSender implements ChannelSender, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApnsSender.class);

    /** How long APNs keeps trying to reach an offline device. */
    private static final Duration EXPIRY = Duration.ofDays(1);

    private final ApnsClient client;
    private final String topic;
    private final Duration timeout;
    private final ConcurrencyLimit limit;

    private ApnsSender(ApnsClient client, ApnsSettings settings) {
        this.client = client;
        this.topic = settings.topic();
        this.timeout = settings.timeout();
        this.limit = new ConcurrencyLimit(settings.concurrency());
    }

    /** Loads the signing key and builds the client; connections open on the first send. */
    public static ApnsSender start(ApnsSettings settings) {
        try {
            ApnsClientBuilder builder = new ApnsClientBuilder()
                    .setApnsServer(settings.host(), settings.port())
                    .setSigningKey(ApnsSigningKey.loadFromPkcs8File(
                            settings.keyFile().toFile(), settings.teamId(), settings.keyId()))
                    .setConnectionTimeout(settings.timeout())
                    // HTTP/2 over TLS as RFC 9113 has it (APNs also takes h2 without ALPN, other servers don't)
                    .setUseAlpn(true);
            if (settings.trustFile().isPresent()) {
                builder.setTrustedServerCertificateChain(settings.trustFile().get().toFile());
            }
            return new ApnsSender(builder.build(), settings);
        } catch (IOException e) {
            throw new UncheckedIOException("the APNs key file (PIDGR_APNS_KEY_FILE) cannot be read", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("PIDGR_APNS_KEY_FILE is not a PKCS#8 EC key", e);
        }
    }

    @Override
    public Channel channel() {
        return Channel.CHANNEL_APNS;
    }

    @Override
    public CompletionStage<Attempt> send(Outgoing message) {
        UUID apnsId;
        try {
            apnsId = UUID.fromString(message.pushId());
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(
                    Refusals.logged(LOG, message, new Attempt.Failed("push id is not a UUID")));
        }
        return limit.submit(() -> client.sendNotification(notification(message, apnsId))
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .handle((response, failure) -> failure == null ? answer(response) : ApnsAnswers.ofFailure(failure))
                .thenApply(attempt -> Refusals.logged(LOG, message, attempt)));
    }

    private SimpleApnsPushNotification notification(Outgoing message, UUID apnsId) {
        String payload = new SimpleApnsPayloadBuilder()
                .setAlertTitle(message.title())
                .setAlertBody(message.summary())
                .addCustomProperty("push_id", message.pushId())
                .addCustomProperty("deep_link", message.deepLink())
                .build();
        // The push id is also the collapse id: a copy sent again after a crash replaces the alert on the device.
        return new SimpleApnsPushNotification(message.address(), topic, payload,
                Instant.now().plus(EXPIRY), DeliveryPriority.IMMEDIATE, PushType.ALERT, message.pushId(), apnsId);
    }

    private static Attempt answer(PushNotificationResponse<SimpleApnsPushNotification> response) {
        return ApnsAnswers.of(response.getStatusCode(), response.getRejectionReason().orElse(null),
                String.valueOf(response.getApnsId()));
    }

    @Override
    public void close() {
        client.close().join();
    }
}
