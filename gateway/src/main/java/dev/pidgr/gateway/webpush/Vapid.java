package dev.pidgr.gateway.webpush;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The VAPID {@code Authorization} header (RFC 8292): an ES256 JWT for the push service's origin, signed with the
 * application server's key, and the public key the subscription was made with. A token is reused per origin
 * until an hour before it expires (push services accept up to 24 hours; we sign for 12).
 */
final class Vapid {

    private static final Duration LIFETIME = Duration.ofHours(12);
    private static final Duration RENEW_BEFORE = Duration.ofHours(1);

    private final ECDSASigner signer;
    private final String publicKey;
    private final String subject;
    private final Clock clock;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    Vapid(ECPrivateKey privateKey, String publicKey, String subject, Clock clock) throws JOSEException {
        this.signer = new ECDSASigner(privateKey);
        this.publicKey = publicKey;
        this.subject = subject;
        this.clock = clock;
    }

    String authorization(String origin) {
        Instant now = clock.instant();
        Token token = tokens.compute(origin, (key, held) ->
                held != null && now.isBefore(held.expires().minus(RENEW_BEFORE)) ? held : sign(key, now));
        return "vapid t=" + token.jwt() + ", k=" + publicKey;
    }

    private Token sign(String audience, Instant now) {
        Instant expires = now.plus(LIFETIME);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .audience(audience)
                .expirationTime(Date.from(expires))
                .subject(subject)
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT).build(),
                claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("VAPID signing failed", e);
        }
        return new Token(jwt.serialize(), expires);
    }

    private record Token(String jwt, Instant expires) {}
}
