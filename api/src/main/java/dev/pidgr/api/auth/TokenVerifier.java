package dev.pidgr.api.auth;

/** Turns a bearer token into a verified {@link Caller}. Implementations are thread-safe. */
public interface TokenVerifier {

    /**
     * Verifies the token's signature, expiry (60 s of clock skew) and claims.
     *
     * @throws InvalidTokenException when the token is malformed, expired, wrongly signed or lacks a claim
     */
    Caller verify(String token) throws InvalidTokenException;
}
