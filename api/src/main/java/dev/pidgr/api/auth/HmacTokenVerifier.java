package dev.pidgr.api.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;

/** Verifies HS256 tokens signed with a shared secret: dev mode, and {@code pidgr token}'s tokens. */
public final class HmacTokenVerifier implements TokenVerifier {

    /** HS256 needs a key at least as long as its 256-bit hash. */
    public static final int MIN_SECRET_BYTES = 32;

    private final NimbusTokenVerifier delegate;

    private HmacTokenVerifier(byte[] secret, String issuer, String audience) {
        delegate = new NimbusTokenVerifier(
                new JWSVerificationKeySelector<>(JWSAlgorithm.HS256, new ImmutableSecret<SecurityContext>(secret)),
                issuer,
                audience);
    }

    /**
     * A verifier for the secret's bytes (dev: the UTF-8 bytes of {@code PIDGR_JWT_SECRET}) that
     * checks no issuer or audience.
     *
     * @throws IllegalArgumentException when the secret is shorter than 32 bytes, saying so
     */
    public static HmacTokenVerifier of(byte[] secret) {
        return of(secret, null, null);
    }

    /**
     * A verifier for the secret's bytes that also requires {@code iss} to be {@code issuer} and
     * {@code aud} to contain {@code audience}, each only when not null.
     *
     * @throws IllegalArgumentException when the secret is shorter than 32 bytes, saying so
     */
    public static HmacTokenVerifier of(byte[] secret, String issuer, String audience) {
        requireStrong(secret);
        return new HmacTokenVerifier(secret.clone(), issuer, audience);
    }

    @Override
    public Caller verify(String token) throws InvalidTokenException {
        return delegate.verify(token);
    }

    static void requireStrong(byte[] secret) {
        if (secret == null || secret.length < MIN_SECRET_BYTES) {
            int length = secret == null ? 0 : secret.length;
            throw new IllegalArgumentException("the JWT secret (PIDGR_JWT_SECRET) must be at least " + MIN_SECRET_BYTES
                    + " bytes for HS256, but it has " + length + "; use a long random value");
        }
    }
}
