package dev.pidgr.contract;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * The address ranges a webhook may not reach (docs/security.md, "Webhooks"): every IANA
 * special-purpose block that is not globally reachable, plus multicast and reserved space. IPv6
 * addresses that carry an IPv4 address (IPv4-mapped, IPv4-compatible, NAT64, 6to4, Teredo) are
 * refused when the carried address is, because the packets end up there.
 */
final class RefusedAddresses {

    private record Range(byte[] prefix, int bits, String reason) {

        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((address[bit / 8] & mask) != (prefix[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private static final String PRIVATE = "private addresses are not allowed";
    private static final String DOCUMENTATION = "documentation addresses are not allowed";
    private static final String BENCHMARKING = "benchmarking addresses are not allowed";

    private static final List<Range> RANGES = List.of(
            range("0.0.0.0/8", "the unspecified network is not allowed"),
            range("10.0.0.0/8", PRIVATE),
            range("100.64.0.0/10", "carrier-grade NAT addresses are not allowed"),
            range("127.0.0.0/8", "loopback addresses are not allowed"),
            range("169.254.0.0/16", "link-local addresses are not allowed"),
            range("172.16.0.0/12", PRIVATE),
            range("192.0.0.0/24", "IETF protocol assignments (192.0.0.0/24) are not allowed"),
            range("192.0.2.0/24", DOCUMENTATION),
            range("192.88.99.0/24", "the 6to4 relay anycast block (192.88.99.0/24) is not allowed"),
            range("192.168.0.0/16", PRIVATE),
            range("198.18.0.0/15", BENCHMARKING),
            range("198.51.100.0/24", DOCUMENTATION),
            range("203.0.113.0/24", DOCUMENTATION),
            range("224.0.0.0/4", "multicast addresses are not allowed"),
            range("240.0.0.0/4", "reserved addresses (240.0.0.0/4, with the broadcast address) are not allowed"),
            range("::/128", "the unspecified address is not allowed"),
            range("::1/128", "loopback addresses are not allowed"),
            range("64:ff9b:1::/48", "local-use NAT64 addresses are not allowed"),
            range("100::/64", "discard-only addresses are not allowed"),
            range("2001:2::/48", BENCHMARKING),
            range("2001:db8::/32", DOCUMENTATION),
            range("3fff::/20", DOCUMENTATION),
            range("fc00::/7", "unique-local addresses are not allowed"),
            range("fe80::/10", "link-local addresses are not allowed"),
            range("fec0::/10", "site-local addresses are not allowed"),
            range("ff00::/8", "multicast addresses are not allowed"));

    private static final Range MAPPED = range("::ffff:0:0/96", "");
    private static final Range COMPATIBLE = range("::/96", "");
    private static final Range NAT64 = range("64:ff9b::/96", "");
    private static final Range SIX_TO_FOUR = range("2002::/16", "");
    private static final Range TEREDO = range("2001::/32", "");

    private RefusedAddresses() {
    }

    /** Why the address may not be called, or empty when it may. */
    static Optional<String> refusal(InetAddress address) {
        byte[] bytes = address.getAddress();
        for (Range range : RANGES) {
            if (range.contains(bytes)) {
                return Optional.of(range.reason());
            }
        }
        return address instanceof Inet6Address ? embeddedRefusal(bytes) : Optional.empty();
    }

    /** The refusal of an IPv4 address an IPv6 address carries, named with the carrier. */
    private static Optional<String> embeddedRefusal(byte[] b) {
        if (MAPPED.contains(b)) {
            return carried(ipv4(b, 12, 0), "an IPv4-mapped address");
        }
        if (COMPATIBLE.contains(b)) {
            return carried(ipv4(b, 12, 0), "an IPv4-compatible address");
        }
        if (NAT64.contains(b)) {
            return carried(ipv4(b, 12, 0), "a NAT64 address");
        }
        if (SIX_TO_FOUR.contains(b)) {
            return carried(ipv4(b, 2, 0), "a 6to4 address");
        }
        if (TEREDO.contains(b)) {
            return carried(ipv4(b, 4, 0), "the server part of a Teredo address")
                    .or(() -> carried(ipv4(b, 12, 0xff), "the client part of a Teredo address"));
        }
        return Optional.empty();
    }

    /** Names the carrier, not the carried address: it may come from DNS, and the error is shown to the tenant. */
    private static Optional<String> carried(Inet4Address inner, String carrier) {
        return refusal(inner).map(reason -> reason + " (carried in " + carrier + ")");
    }

    /** Four bytes of {@code b} from {@code offset}, each XORed with {@code mask} (Teredo obfuscates its client). */
    private static Inet4Address ipv4(byte[] b, int offset, int mask) {
        byte[] v4 = new byte[4];
        for (int i = 0; i < 4; i++) {
            v4[i] = (byte) (b[offset + i] ^ mask);
        }
        try {
            return (Inet4Address) InetAddress.getByAddress(v4);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }

    private static Range range(String cidr, String reason) {
        int slash = cidr.indexOf('/');
        try {
            // A literal: parsed, never looked up.
            byte[] prefix = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
            return new Range(cidr.contains(":") && prefix.length == 4 ? mapped(prefix) : prefix,
                    Integer.parseInt(cidr.substring(slash + 1)), reason);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("not a literal: " + cidr, e);
        }
    }

    /** Java reads "::ffff:0:0" as the IPv4 address 0.0.0.0; the range is meant in IPv6. */
    private static byte[] mapped(byte[] v4) {
        byte[] v6 = new byte[16];
        v6[10] = (byte) 0xff;
        v6[11] = (byte) 0xff;
        System.arraycopy(v4, 0, v6, 12, 4);
        return v6;
    }
}
