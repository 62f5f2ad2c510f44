package dev.pidgr.localproviders.webpush;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A browser's side of Web Push: a subscription's key pair and auth secret, and decryption of a pushed message as
 * RFC 8291 section 3.4 and RFC 8188 section 2 describe it, written here from the RFCs, not from the sender's code.
 */
public final class UserAgent {

    private final PrivateKey privateKey;
    private final byte[] publicKey;
    private final byte[] auth;

    /** A user agent with these keys (RFC 8291's example's, say): the private key, its point and the secret. */
    public UserAgent(PrivateKey privateKey, byte[] publicKey, byte[] auth) {
        this.privateKey = privateKey;
        this.publicKey = publicKey.clone();
        this.auth = auth.clone();
    }

    /** A new subscription's keys: a fresh P-256 pair and a random 16-byte auth secret. */
    public static UserAgent fresh() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        byte[] auth = new byte[16];
        new SecureRandom().nextBytes(auth);
        return new UserAgent(keys.getPrivate(), P256.uncompressed((ECPublicKey) keys.getPublic()), auth);
    }

    /** The 16-byte auth secret (a test checks it is never logged). */
    public byte[] auth() {
        return auth.clone();
    }

    /** What {@code PushSubscription.toJSON()} gives the web client to register. */
    public String subscription(String endpoint) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return "{\"endpoint\": \"" + endpoint + "\", \"expirationTime\": null, \"keys\": {\"p256dh\": \""
                + b64.encodeToString(publicKey) + "\", \"auth\": \"" + b64.encodeToString(auth) + "\"}}";
    }

    /** The plaintext of an {@code aes128gcm} body of one record. */
    public byte[] decrypt(byte[] body) throws GeneralSecurityException {
        ByteBuffer in = ByteBuffer.wrap(body);
        byte[] salt = new byte[16];
        in.get(salt);
        int recordSize = in.getInt();
        byte[] senderPublic = new byte[in.get() & 0xff];
        in.get(senderPublic);
        byte[] record = new byte[in.remaining()];
        in.get(record);
        if (record.length > recordSize) {
            throw new IllegalArgumentException("more than one record");
        }
        KeyAgreement ecdh = KeyAgreement.getInstance("ECDH");
        ecdh.init(privateKey);
        ecdh.doPhase(P256.publicKey(senderPublic), true);
        byte[] prkKey = hmac(auth, ecdh.generateSecret());
        byte[] keyInfo = join(ascii("WebPush: info\0"), publicKey, senderPublic, new byte[] {1});
        byte[] ikm = hmac(prkKey, keyInfo);
        byte[] prk = hmac(salt, ikm);
        byte[] cek = Arrays.copyOf(hmac(prk, join(ascii("Content-Encoding: aes128gcm\0"), new byte[] {1})), 16);
        byte[] nonce = Arrays.copyOf(hmac(prk, join(ascii("Content-Encoding: nonce\0"), new byte[] {1})), 12);
        Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
        aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, nonce));
        byte[] padded = aes.doFinal(record);
        int end = padded.length - 1;
        while (end >= 0 && padded[end] == 0) {
            end--;
        }
        if (end < 0 || padded[end] != 2) {
            throw new IllegalArgumentException("no last-record delimiter");
        }
        return Arrays.copyOf(padded, end);
    }

    private static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] join(byte[]... parts) {
        ByteBuffer out = ByteBuffer.allocate(Arrays.stream(parts).mapToInt(p -> p.length).sum());
        for (byte[] part : parts) {
            out.put(part);
        }
        return out.array();
    }
}
