package dev.pidgr.gateway.webpush;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Message encryption for Web Push (RFC 8291) in the {@code aes128gcm} content coding (RFC 8188), one record.
 * Pure: the sender's ephemeral key pair and the salt come in, so the RFC's Appendix A example pins the bytes.
 */
public final class Aes128Gcm {

    /** The record size written in the header; one record holds the whole message. */
    static final int RECORD_SIZE = 4096;
    /** The largest plaintext that fits one record: the padding delimiter and the 16-byte tag take 17 bytes. */
    public static final int MAX_PLAINTEXT = RECORD_SIZE - 17;

    private Aes128Gcm() {}

    /**
     * @param uaPublic the subscription's {@code keys.p256dh} (65 bytes)
     * @param authSecret the subscription's {@code keys.auth} (16 bytes)
     * @param sender a fresh P-256 key pair per message (its public half goes in the header)
     * @param salt 16 random bytes per message
     * @return the request body: header (salt, record size, key id = the sender's public key) and ciphertext
     */
    public static byte[] encrypt(byte[] plaintext, byte[] uaPublic, byte[] authSecret, KeyPair sender, byte[] salt)
            throws GeneralSecurityException {
        if (plaintext.length > MAX_PLAINTEXT) {
            throw new GeneralSecurityException("payload larger than one record");
        }
        byte[] asPublic = P256.uncompressed((ECPublicKey) sender.getPublic());
        KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
        agreement.init(sender.getPrivate());
        agreement.doPhase(P256.publicKey(uaPublic), true);
        byte[] ecdhSecret = agreement.generateSecret();
        byte[] ikm = hkdf(authSecret, ecdhSecret, concat(ascii("WebPush: info\0"), uaPublic, asPublic), 32);
        byte[] cek = hkdf(salt, ikm, ascii("Content-Encoding: aes128gcm\0"), 16);
        byte[] nonce = hkdf(salt, ikm, ascii("Content-Encoding: nonce\0"), 12);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, nonce));
        byte[] padded = Arrays.copyOf(plaintext, plaintext.length + 1);
        padded[plaintext.length] = 2; // the last record's delimiter, no padding after it
        byte[] ciphertext = cipher.doFinal(padded);
        return ByteBuffer.allocate(16 + 4 + 1 + asPublic.length + ciphertext.length)
                .put(salt).putInt(RECORD_SIZE).put((byte) asPublic.length).put(asPublic).put(ciphertext)
                .array();
    }

    /** HKDF-SHA-256 (RFC 5869) for outputs of at most one hash length, which is all RFC 8291 needs. */
    static byte[] hkdf(byte[] salt, byte[] ikm, byte[] info, int length) throws GeneralSecurityException {
        byte[] prk = hmac(salt, ikm);
        return Arrays.copyOf(hmac(prk, concat(info, new byte[] {1})), length);
    }

    private static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... parts) {
        ByteBuffer out = ByteBuffer.allocate(Arrays.stream(parts).mapToInt(p -> p.length).sum());
        for (byte[] part : parts) {
            out.put(part);
        }
        return out.array();
    }
}
