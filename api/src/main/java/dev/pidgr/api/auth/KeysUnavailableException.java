package dev.pidgr.api.auth;

/** The signing keys (a JWKS URL or file) could not be loaded: the caller is told UNAVAILABLE, not UNAUTHENTICATED. */
public final class KeysUnavailableException extends RuntimeException {

    public KeysUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
