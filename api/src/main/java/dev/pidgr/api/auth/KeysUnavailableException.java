package dev.pidgr.api.auth;

/**
 * No usable signing key set: none was ever loaded from the JWKS URL or file, or the last one loaded
 * is older than the maximum staleness. The caller is told UNAVAILABLE (retryable), not UNAUTHENTICATED.
 */
public final class KeysUnavailableException extends RuntimeException {

    /** What the client is told; the cause stays in the server's log. */
    public static final String MESSAGE = "the token signing keys cannot be loaded; retry";

    public KeysUnavailableException(Throwable cause) {
        super(MESSAGE, cause);
    }
}
