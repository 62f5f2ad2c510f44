package dev.pidgr.gateway.webpush;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.Base64;
import java.util.Optional;

/**
 * A browser's push subscription (the Push API's {@code PushSubscription.toJSON()}), which a web client registers
 * as its device's push token: {@code {"endpoint": ..., "keys": {"p256dh": ..., "auth": ...}}}.
 *
 * @param p256dh the user agent's public key, 65 bytes
 * @param auth the authentication secret, 16 bytes
 */
public record Subscription(URI endpoint, byte[] p256dh, byte[] auth) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The subscription, or empty when the token is not one (then no send can ever succeed). */
    public static Optional<Subscription> parse(String token) {
        try {
            JsonNode root = JSON.readTree(token);
            URI endpoint = URI.create(root.path("endpoint").asText());
            byte[] p256dh = Base64.getUrlDecoder().decode(unpadded(root.path("keys").path("p256dh").asText()));
            byte[] auth = Base64.getUrlDecoder().decode(unpadded(root.path("keys").path("auth").asText()));
            boolean web = "https".equals(endpoint.getScheme()) || "http".equals(endpoint.getScheme());
            if (!web || endpoint.getHost() == null || p256dh.length != 65 || auth.length != 16) {
                return Optional.empty();
            }
            return Optional.of(new Subscription(endpoint, p256dh, auth));
        } catch (java.io.IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The push service's origin: the VAPID token's audience (RFC 8292, section 2). */
    public String origin() {
        String port = endpoint.getPort() < 0 ? "" : ":" + endpoint.getPort();
        return endpoint.getScheme() + "://" + endpoint.getHost() + port;
    }

    private static String unpadded(String base64) {
        return base64.replace("=", "");
    }
}
