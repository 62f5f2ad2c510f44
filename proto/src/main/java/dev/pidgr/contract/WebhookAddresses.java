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
        if (h.isEmpty()) {
            return Optional.of("the URL has no host");
        }
        if (h.equals("localhost") || h.endsWith(".localhost")) {
            return Optional.of("localhost is not allowed");
        }
        if (!isLiteral(h)) {
            return Optional.empty();
        }
        try {
            return refusal(InetAddress.getByName(h));
        } catch (UnknownHostException e) {
            return Optional.of("the host is not a valid IP address");
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
