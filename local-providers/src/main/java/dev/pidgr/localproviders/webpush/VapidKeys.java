package dev.pidgr.localproviders.webpush;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/**
 * An application server's VAPID key pair (RFC 8292) in the base64url forms {@code npx web-push
 * generate-vapid-keys} prints: the 65-byte public point and the 32-byte private scalar.
 */
public record VapidKeys(String publicKey, String privateKey) {

    public static VapidKeys generate() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return new VapidKeys(b64.encodeToString(P256.uncompressed((ECPublicKey) pair.getPublic())),
                b64.encodeToString(scalar(((ECPrivateKey) pair.getPrivate()).getS())));
    }

    private static byte[] scalar(BigInteger s) {
        byte[] bytes = s.toByteArray();
        byte[] out = new byte[32];
        int length = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - length, out, 32 - length, length);
        return out;
    }
}
