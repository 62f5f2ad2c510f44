package dev.pidgr.contract;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The address rules of webhook calls (API.md, "Webhook calls"): which hosts a webhook may reach.
 * Pure: literal addresses are parsed without DNS; resolving names is the caller's business.
 */
public final class WebhookAddresses {

    /** Hosts made only of digits, dots and hex prefixes are IPv4 literals in some notation ("127.1", "2130706433"). */
    private static final Pattern NUMERIC_HOST = Pattern.compile("^(0x[0-9a-f]+|[0-9]+)(\\.(0x[0-9a-f]+|[0-9]+)){0,3}$");

    private WebhookAddresses() {
    }

    /**
     * Why a URL host may not be used when the workflow is accepted, or empty when it may (a name is
     * accepted here and checked again, resolved, before every call).
     */
    public static Optional<String> refusalForHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        while (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.isEmpty()) {
            return Optional.of("the URL has no host");
        }
        if (h.equals("localhost") || h.endsWith(".localhost")) {
            return Optional.of("localhost is not allowed");
        }
        if (!isLiteral(h)) {
            return Optional.empty();
        }
        Optional<InetAddress> literal = h.contains(":") ? ipv6Literal(h) : ipv4Literal(h);
        return literal.isEmpty() ? Optional.of("the host is not a valid IP address") : refusal(literal.get());
    }

    /**
     * Parses an IPv4 literal the way resolvers do (inet_aton): one to four parts, each decimal,
     * {@code 0x} hex or leading-zero octal, the last part filling the remaining bytes. So
     * "127.1", "0x7f.1" and "2130706433" are all 127.0.0.1, and none of them costs a DNS lookup.
     */
    static Optional<InetAddress> ipv4Literal(String host) {
        String[] parts = host.split("\\.", -1);
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                String p = parts[i];
                values[i] = p.startsWith("0x") ? Long.parseLong(p.substring(2), 16)
                        : p.length() > 1 && p.startsWith("0") ? Long.parseLong(p.substring(1), 8) : Long.parseLong(p);
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        long address = 0;
        for (int i = 0; i < values.length - 1; i++) {
            if (values[i] > 0xff) {
                return Optional.empty();
            }
            address |= values[i] << (24 - 8 * i);
        }
        long last = values[values.length - 1];
        if (last >= 1L << (8 * (5 - values.length))) {
            return Optional.empty();
        }
        address |= last;
        byte[] bytes = {(byte) (address >> 24), (byte) (address >> 16), (byte) (address >> 8), (byte) address};
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** Parses an IPv6 literal; Java never resolves a string with a colon, it only parses it. */
    private static Optional<InetAddress> ipv6Literal(String host) {
        if (!host.matches("[0-9a-f:.%]+")) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(host));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** Why a resolved address may not be called, or empty when it may. */
    public static Optional<String> refusal(InetAddress address) {
        if (address instanceof Inet6Address v6 && isIpv4Mapped(v6)) {
            return refusal(toIpv4(v6));
        }
        if (address.isLoopbackAddress()) {
            return Optional.of("loopback addresses are not allowed");
        }
        if (address.isAnyLocalAddress()) {
            return Optional.of("the unspecified address is not allowed");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("multicast addresses are not allowed");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("link-local addresses are not allowed");
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int a0 = b[0] & 0xff;
            int a1 = b[1] & 0xff;
            if (a0 == 10 || (a0 == 172 && a1 >= 16 && a1 <= 31) || (a0 == 192 && a1 == 168)) {
                return Optional.of("private addresses are not allowed");
            }
            if (a0 == 100 && a1 >= 64 && a1 <= 127) {
                return Optional.of("carrier-grade NAT addresses are not allowed");
            }
            if (a0 == 0) {
                return Optional.of("the unspecified network is not allowed");
            }
        } else if ((b[0] & 0xfe) == 0xfc) {
            return Optional.of("unique-local addresses are not allowed");
        }
        return Optional.empty();
    }

    /** Whether a host string is an IP literal (so it can be checked without DNS). */
    public static boolean isLiteral(String host) {
        return host.contains(":") || NUMERIC_HOST.matcher(host.toLowerCase(Locale.ROOT)).matches();
    }

    private static boolean isIpv4Mapped(Inet6Address v6) {
        byte[] b = v6.getAddress();
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }

    private static InetAddress toIpv4(Inet6Address v6) {
        byte[] b = v6.getAddress();
        try {
            return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }
}
