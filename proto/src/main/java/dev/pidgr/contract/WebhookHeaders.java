package dev.pidgr.contract;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules of a webhook step's custom headers, shared by the command side (checked when the
 * workflow is accepted) and the dispatcher (checked again before every call, for workflows stored
 * under older rules). Messages name the header, never its value: values are often credentials.
 */
public final class WebhookHeaders {

    /** RFC 9110 token characters (tchar): what a field name is made of. */
    private static final Pattern TOKEN = Pattern.compile("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$");
    /** Headers the dispatcher sets itself: a step may not forge the signature or break the framing. */
    private static final Set<String> RESERVED = Set.of("content-type", "content-length", "host", "transfer-encoding",
            "connection", "x-pidgr-timestamp", "x-pidgr-signature", "idempotency-key");

    private WebhookHeaders() {
    }

    /** Whether pidgr sets this header itself (case-insensitive). */
    public static boolean isReserved(String name) {
        return RESERVED.contains(name.toLowerCase(Locale.ROOT));
    }

    /** Whether the name is an HTTP token: letters, digits and {@code !#$%&'*+-.^_`|~}, at least one. */
    public static boolean isToken(String name) {
        return TOKEN.matcher(name).matches();
    }

    /**
     * Why the value cannot be sent, or empty: HTTP field values are tab and visible ASCII
     * (0x20-0x7E) only; anything else (a line break, a control character, DEL, any non-ASCII
     * character) would break or forge the request, so the HTTP client refuses it.
     */
    public static Optional<String> unsendableValue(String name, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '\t' && (c < 0x20 || c > 0x7e)) {
                return Optional.of(String.format(Locale.ROOT,
                        "header %s has a character that HTTP does not allow in a value (U+%04X at %d): "
                                + "only tab and visible ASCII are allowed", name, (int) c, i));
            }
        }
        return Optional.empty();
    }

    /** Whether the value starts or ends with a space or tab, which HTTP drops: the receiver would see another value. */
    public static boolean hasOuterWhitespace(String value) {
        return !value.isEmpty() && (isBlank(value.charAt(0)) || isBlank(value.charAt(value.length() - 1)));
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }
}
