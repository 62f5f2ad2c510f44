package dev.pidgr.contract;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The address rules of webhook calls (docs/api.md, "Webhook calls"): which hosts a webhook may reach.
 * Pure: literal addresses are parsed without DNS; resolving names is the caller's business.
 *
 * <p>A host made only of digits, dots and {@code 0x} prefixes is a number to somebody: resolvers
 * read "127.1" and "2130706433" as 127.0.0.1, and OkHttp hands any host of digits and dots to
 * {@link InetAddress#getByName}, which looks up in DNS what it cannot parse ("1.2.3.4.5"), outside
 * the vetted resolver. So such a host must be a plain dotted quad, the one notation every parser
 * reads alike, or it is malformed; in every deployment, insecure or not.
 */
public final class WebhookAddresses {

    private static final Pattern NUMERIC_HOST = Pattern.compile("^((0x[0-9a-f]*|[0-9]*)\\.)*(0x[0-9a-f]*|[0-9]*)$");
    private static final Pattern DOTTED_QUAD = Pattern.compile(
            "^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$");

    private WebhookAddresses() {
    }

    /**
     * Why a host can never be called, whatever the deployment allows, or empty: a host of digits and
     * dots (or hex) that is not a dotted quad.
     */
    public static Optional<String> malformedHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (isNumeric(h) && !DOTTED_QUAD.matcher(h).matches()) {
            return Optional.of("the host " + host
                    + " is not a valid IPv4 address (write it as four decimal numbers from 0 to 255, a.b.c.d)");
        }
        return Optional.empty();
    }

    /**
     * Why a URL host may not be used when the workflow is accepted, or empty when it may (a name is
     * accepted here and checked again, resolved, before every call).
     */
    public static Optional<String> refusalForHost(String host) {
        Optional<String> malformed = malformedHost(host);
        if (malformed.isPresent()) {
            return malformed;
        }
        String h = unbracketed(host.toLowerCase(Locale.ROOT));
        while (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.isEmpty()) {
            return Optional.of("the URL has no host");
        }
        if (h.equals("localhost") || h.endsWith(".localhost")) {
            return Optional.of("localhost is not allowed");
        }
        if (!isLiteral(host)) {
            return Optional.empty();
        }
        Optional<InetAddress> literal = literal(host);
        return literal.isEmpty() ? Optional.of("the host is not a valid IP address") : refusal(literal.get());
    }

    /**
     * The address of an IP literal host (a dotted quad, or IPv6 with or without brackets), parsed
     * without DNS; empty for names and malformed literals.
     */
    public static Optional<InetAddress> literal(String host) {
        String h = unbracketed(host.toLowerCase(Locale.ROOT));
        boolean v6 = h.contains(":") && h.matches("[0-9a-f:.]+");
        if (!v6 && !DOTTED_QUAD.matcher(h).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(h)); // a literal: parsed, never looked up
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** Why a resolved address may not be called, or empty when it may. */
    public static Optional<String> refusal(InetAddress address) {
        return RefusedAddresses.refusal(address);
    }

    /** Whether a host string is, or is meant as, an IP literal (checked without DNS, never resolved). */
    public static boolean isLiteral(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.contains(":") || isNumeric(h);
    }

    private static boolean isNumeric(String host) {
        return NUMERIC_HOST.matcher(host).matches() && host.chars().anyMatch(Character::isDigit);
    }

    private static String unbracketed(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
