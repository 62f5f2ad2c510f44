package dev.pidgr.api.grpc;

/** The request headers our RPCs understand, read and checked. */
public final class RequestHeaders {

    /** docs/api.md, "Headers": an idempotency key is at most 200 characters. */
    public static final int MAX_IDEMPOTENCY_KEY_LENGTH = 200;

    private RequestHeaders() {
    }

    /** The {@code idempotency-key} header, or empty when absent. Longer than 200 characters: INVALID_ARGUMENT. */
    public static String idempotencyKey() {
        String key = CallContext.header(CallContext.IDEMPOTENCY_KEY_HEADER);
        if (key == null) {
            return "";
        }
        if (key.length() > MAX_IDEMPOTENCY_KEY_LENGTH) {
            throw ApiErrors.invalidArgument(
                    "idempotency-key", "the header must be at most " + MAX_IDEMPOTENCY_KEY_LENGTH + " characters");
        }
        return key;
    }

    /** The {@code x-pidgr-min-version} header, or 0 when absent. Not a positive integer: INVALID_ARGUMENT. */
    public static long minVersion() {
        String value = CallContext.header(CallContext.MIN_VERSION_HEADER);
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            long version = Long.parseLong(value.trim());
            if (version >= 1) {
                return version;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiErrors.invalidArgument("x-pidgr-min-version", "the header must be a positive integer");
    }
}
