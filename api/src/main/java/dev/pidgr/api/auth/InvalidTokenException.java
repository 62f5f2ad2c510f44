package dev.pidgr.api.auth;

/**
 * A bearer token that cannot be trusted. {@link #publicMessage()} is all the client is told (a
 * general reason); the exception's message is the detail, for the server's debug log only: it may
 * carry the token library's text and claim values, never the token itself.
 */
public final class InvalidTokenException extends Exception {

    /** What the client is told. */
    public enum Reason {
        /** Malformed, wrongly signed, wrong algorithm, wrong issuer or audience, a claim missing or out of bounds. */
        INVALID("invalid token"),
        /** {@code exp} passed (beyond the 60 s of clock skew). */
        EXPIRED("token expired"),
        /**
         * Signed with a key id the key set does not have (also after a refresh, or while refreshes are rate-limited).
         */
        UNKNOWN_KEY("unknown signing key");

        private final String message;

        Reason(String message) {
            this.message = message;
        }
    }

    private final Reason reason;

    public InvalidTokenException(Reason reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** The status message for the client: "invalid token", "token expired" or "unknown signing key". */
    public String publicMessage() {
        return reason.message;
    }
}
