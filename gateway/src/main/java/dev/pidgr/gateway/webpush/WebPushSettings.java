package dev.pidgr.gateway.webpush;

import dev.pidgr.gateway.push.Secret;
import dev.pidgr.gateway.push.Variables;
import java.time.Duration;
import java.util.Optional;

/**
 * Web Push with VAPID (docs/channels.md, "Web Push"): the application server's P-256 key pair in the form
 * {@code npx web-push generate-vapid-keys} prints (base64url public point and private scalar), and a contact.
 *
 * @param publicKey the base64url uncompressed public key, the one the web client subscribes with
 * @param privateKey the base64url private scalar ({@code PIDGR_WEBPUSH_VAPID_PRIVATE_KEY} or its {@code _FILE})
 * @param subject a {@code mailto:} or {@code https:} contact for the push services (RFC 8292)
 * @param ttl how long a push service keeps a message for an offline browser
 */
public record WebPushSettings(
        String publicKey,
        Secret privateKey,
        String subject,
        Duration ttl,
        int concurrency,
        Duration timeout) {

    /** The settings when {@code PIDGR_WEBPUSH_VAPID_PUBLIC_KEY} is set; then the private key is required. */
    public static Optional<WebPushSettings> from(Variables variables) {
        return variables.optional("PIDGR_WEBPUSH_VAPID_PUBLIC_KEY").map(publicKey -> new WebPushSettings(
                publicKey,
                variables.secret("PIDGR_WEBPUSH_VAPID_PRIVATE_KEY").orElseThrow(() -> new IllegalArgumentException(
                        "PIDGR_WEBPUSH_VAPID_PRIVATE_KEY or PIDGR_WEBPUSH_VAPID_PRIVATE_KEY_FILE is required")),
                variables.required("PIDGR_WEBPUSH_VAPID_SUBJECT"),
                variables.duration("PIDGR_WEBPUSH_TTL", Duration.ofDays(1)),
                variables.positive("PIDGR_WEBPUSH_CONCURRENCY", 100),
                variables.duration("PIDGR_WEBPUSH_TIMEOUT", Duration.ofSeconds(10))));
    }
}
