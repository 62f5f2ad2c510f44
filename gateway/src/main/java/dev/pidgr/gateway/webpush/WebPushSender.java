package dev.pidgr.gateway.webpush;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import dev.pidgr.events.v1.Channel;
import dev.pidgr.gateway.channel.Attempt;
import dev.pidgr.gateway.channel.ChannelSender;
import dev.pidgr.gateway.channel.Outgoing;
import dev.pidgr.gateway.push.ConcurrencyLimit;
import dev.pidgr.gateway.push.Refusals;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends notifications to browsers with the Web Push protocol (RFC 8030): the payload encrypted for the
 * subscription (RFC 8291, {@code aes128gcm}), a VAPID token for the push service (RFC 8292), one POST to the
 * subscription's endpoint with the JDK's HTTP client.
 */
public final class WebPushSender implements ChannelSender, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebPushSender.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** RFC 8030 section 5.4: at most 32 characters of the URL- and filename-safe base64 alphabet. */
    private static final java.util.regex.Pattern TOPIC = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,32}");

    private final Vapid vapid;
    private final Duration ttl;
    private final Duration timeout;
    private final HttpClient http;
    private final ConcurrencyLimit limit;
    private final SecureRandom random = new SecureRandom();

    private WebPushSender(Vapid vapid, WebPushSettings settings) {
        this.vapid = vapid;
        this.ttl = settings.ttl();
        this.timeout = settings.timeout();
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
        this.limit = new ConcurrencyLimit(settings.concurrency());
    }

    /** Checks the VAPID key pair's form; a malformed key fails here, naming the variable only. */
    public static WebPushSender start(WebPushSettings settings, Clock clock) {
        try {
            P256.publicKey(Base64.getUrlDecoder().decode(settings.publicKey()));
            var privateKey = P256.privateKey(Base64.getUrlDecoder().decode(settings.privateKey().value()));
            return new WebPushSender(new Vapid(privateKey, settings.publicKey(), settings.subject(), clock), settings);
        } catch (GeneralSecurityException | JOSEException | IllegalArgumentException e) {
            throw new IllegalArgumentException("PIDGR_WEBPUSH_VAPID_PUBLIC_KEY and PIDGR_WEBPUSH_VAPID_PRIVATE_KEY "
                    + "must be a base64url P-256 key pair", e.getClass() == IllegalArgumentException.class ? null : e);
        }
    }

    @Override
    public Channel channel() {
        return Channel.CHANNEL_WEB_PUSH;
    }

    @Override
    public CompletionStage<Attempt> send(Outgoing message) {
        Optional<Subscription> subscription = Subscription.parse(message.address());
        if (subscription.isEmpty()) {
            return CompletableFuture.completedFuture(new Attempt.Unregistered("not a push subscription"));
        }
        byte[] body;
        try {
            body = encrypt(payload(message), subscription.get());
        } catch (GeneralSecurityException e) {
            return CompletableFuture.completedFuture(
                    Refusals.logged(LOG, message, new Attempt.Failed("cannot encrypt: " + e.getMessage())));
        }
        HttpRequest request = request(subscription.get(), body, message.pushId());
        return limit.submit(() -> http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .handle((response, failure) -> failure == null
                        ? WebPushAnswers.of(response.statusCode(), response.headers().firstValue("Location"),
                                response.headers().firstValue("Retry-After"), message.pushId())
                        : new Attempt.Transient("no answer from the push service: "
                                + rootCause(failure).getClass().getSimpleName(), Optional.empty()))
                .thenApply(attempt -> Refusals.logged(LOG, message, attempt)));
    }

    private HttpRequest request(Subscription subscription, byte[] body, String pushId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(subscription.endpoint())
                .timeout(timeout)
                .header("Authorization", vapid.authorization(subscription.origin()))
                .header("TTL", Long.toString(ttl.toSeconds()))
                .header("Urgency", "high")
                .header("Content-Encoding", "aes128gcm")
                .header("Content-Type", "application/octet-stream");
        topic(pushId).ifPresent(topic -> request.header("Topic", topic));
        return request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    private byte[] encrypt(byte[] payload, Subscription subscription) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(P256.curve(), random);
        KeyPair ephemeral = generator.generateKeyPair();
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        return Aes128Gcm.encrypt(payload, subscription.p256dh(), subscription.auth(), ephemeral, salt);
    }

    /**
     * RFC 8030's {@code Topic} (at most 32 base64url characters): the push id without its dashes, so a copy sent
     * again after a crash replaces the first while the push service still holds it for an offline browser. None for
     * a push id that is no UUID.
     */
    static Optional<String> topic(String pushId) {
        String topic = pushId.replace("-", "");
        return TOPIC.matcher(topic).matches() ? Optional.of(topic) : Optional.empty();
    }

    /** What the service worker receives: the same fields as the APNs and FCM payloads. */
    static byte[] payload(Outgoing message) {
        var root = JSON.createObjectNode()
                .put("push_id", message.pushId())
                .put("title", message.title())
                .put("body", message.summary())
                .put("deep_link", message.deepLink());
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    @Override
    public void close() {
        http.close();
    }
}
