package dev.pidgr.command.device;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Base64;
import java.util.Optional;

/**
 * The shape a browser's {@code PushSubscription.toJSON()} has (W3C Push API): an https {@code endpoint}
 * and {@code keys.p256dh} (an uncompressed P-256 point, 65 bytes) and {@code keys.auth} (16 bytes), both
 * base64url. Checked when the device registers, so the gateway's RFC 8291 encryption never meets a key
 * it cannot use. Pure.
 */
final class WebPushSubscription {

    private static final BigInteger P = new BigInteger(
            "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff", 16);
    private static final BigInteger B = new BigInteger(
            "5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b", 16);

    private static final ObjectMapper JSON = new ObjectMapper();

    private WebPushSubscription() {
    }

    /** What is wrong with {@code json} as a subscription; empty when it is one. */
    static Optional<String> problem(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            return Optional.of("not valid JSON");
        }
        if (root == null || !root.isObject()) {
            return Optional.of("not a JSON object");
        }
        Optional<String> endpoint = endpoint(string(root, "endpoint"));
        if (endpoint.isPresent()) {
            return endpoint;
        }
        JsonNode keys = root.get("keys");
        if (keys == null || !keys.isObject()) {
            return Optional.of("keys is missing");
        }
        byte[] p256dh = base64url(string(keys, "p256dh"));
        if (p256dh == null || p256dh.length != 65 || p256dh[0] != 4 || !onCurve(p256dh)) {
            return Optional.of("keys.p256dh must be an uncompressed P-256 public key (65 bytes, base64url)");
        }
        byte[] auth = base64url(string(keys, "auth"));
        if (auth == null || auth.length != 16) {
            return Optional.of("keys.auth must be 16 bytes, base64url");
        }
        return Optional.empty();
    }

    private static Optional<String> endpoint(String endpoint) {
        if (endpoint == null) {
            return Optional.of("endpoint is missing");
        }
        try {
            URI uri = new URI(endpoint);
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                return Optional.of("endpoint must be an https URL");
            }
            return Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.of("endpoint must be an https URL");
        }
    }

    private static String string(JsonNode o, String name) {
        JsonNode e = o.get(name);
        return e != null && e.isTextual() ? e.asText() : null;
    }

    private static byte[] base64url(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** y² = x³ - 3x + b (mod p), with x and y below p: the point is on the curve. */
    private static boolean onCurve(byte[] point) {
        BigInteger x = new BigInteger(1, java.util.Arrays.copyOfRange(point, 1, 33));
        BigInteger y = new BigInteger(1, java.util.Arrays.copyOfRange(point, 33, 65));
        if (x.compareTo(P) >= 0 || y.compareTo(P) >= 0) {
            return false;
        }
        BigInteger left = y.multiply(y).mod(P);
        BigInteger right = x.pow(3).subtract(x.multiply(BigInteger.valueOf(3))).add(B).mod(P);
        return left.equals(right);
    }
}
