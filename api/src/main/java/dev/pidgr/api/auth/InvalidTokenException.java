package dev.pidgr.api.auth;

/**
 * A bearer token that cannot be trusted. The message is safe to show the client: it says what is
 * wrong in general terms and never echoes the token.
 */
public final class InvalidTokenException extends Exception {

    public InvalidTokenException(String message) {
        super(message);
    }

    public InvalidTokenException(String message, Throwable cause) {
        super(message, cause);
    }
}
