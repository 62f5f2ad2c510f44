package dev.pidgr.workflow.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** X-Pidgr-Signature: {@code sha256=<lowercase hex HMAC-SHA256 of "<timestamp>.<raw body>">}. */
public final class WebhookSigner {

    private final SecretKeySpec key;

    public WebhookSigner(byte[] secret) {
        if (secret.length == 0) {
            throw new IllegalArgumentException("a webhook secret is required");
        }
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** The header value for a body sent at {@code unixSeconds}. */
    public String signature(long unixSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update((unixSeconds + ".").getBytes(StandardCharsets.US_ASCII));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is available in every JDK", e);
        }
    }
}
