package dev.pidgr.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.IntRange;

/** The address and header rules over their whole input spaces. */
class WebhookAddressPropertiesTest {

    private static final String[] REFUSED_V4 = {
        "0.0.0.0/8",
        "10.0.0.0/8",
        "100.64.0.0/10",
        "127.0.0.0/8",
        "169.254.0.0/16",
        "172.16.0.0/12",
        "192.0.0.0/24",
        "192.0.2.0/24",
        "192.88.99.0/24",
        "192.168.0.0/16",
        "198.18.0.0/15",
        "198.51.100.0/24",
        "203.0.113.0/24",
        "224.0.0.0/4",
        "240.0.0.0/4"
    };
    private static final String[] REFUSED_V6 = {
        "::/128",
        "::1/128",
        "64:ff9b:1::/48",
        "100::/64",
        "2001:2::/48",
        "2001:db8::/32",
        "3fff::/20",
        "fc00::/7",
        "fe80::/10",
        "fec0::/10",
        "ff00::/8"
    };

    @Property
    void everyAddressOfARefusedIpv4RangeIsRefused(@ForAll("refusedV4") int address) {
        assertThat(WebhookAddresses.refusal(v4(address))).isPresent();
    }

    @Property
    void everyAddressOfARefusedIpv6RangeIsRefused(@ForAll("refusedV6") byte[] address) {
        assertThat(WebhookAddresses.refusal(v6(address))).isPresent();
    }

    /**
     * NAT64, 6to4, IPv4-mapped and IPv4-compatible addresses are refused exactly when the IPv4 address they carry is.
     */
    @Property
    void anIpv6AddressCarryingIpv4IsJudgedByTheIpv4Address(@ForAll int address, @ForAll int high, @ForAll int low,
                                                            @ForAll @IntRange(min = 0, max = 3) int form) {
        byte[] b = new byte[16];
        switch (form) {
            case 0 -> { b[1] = 0x64; b[2] = (byte) 0xff; b[3] = (byte) 0x9b; put(b, 12, address); } // 64:ff9b::a.b.c.d
            case 1 -> {
                b[0] = 0x20;
                b[1] = 0x02;
                put(b, 2, address);
                put(b, 6, high);
                put(b, 10, low);
            } // 2002:a.b.c.d::/48
            case 2 -> { b[10] = (byte) 0xff; b[11] = (byte) 0xff; put(b, 12, address); } // ::ffff:a.b.c.d
            default -> put(b, 12, address); // ::a.b.c.d
        }

        assertThat(WebhookAddresses.refusal(v6(b)).isPresent())
                .isEqualTo(WebhookAddresses.refusal(v4(address)).isPresent());
    }

    /** Teredo carries a server and an obfuscated client address; either refused refuses the whole. */
    @Property
    void aTeredoAddressIsRefusedWhenItsServerOrClientIs(
            @ForAll int server, @ForAll int client, @ForAll int flagsAndPort) {
        byte[] b = new byte[16];
        b[0] = 0x20;
        b[1] = 0x01;
        put(b, 4, server);
        put(b, 8, flagsAndPort);
        put(b, 12, ~client);

        boolean expected = WebhookAddresses.refusal(v4(server)).isPresent()
                || WebhookAddresses.refusal(v4(client)).isPresent();
        assertThat(WebhookAddresses.refusal(v6(b)).isPresent()).isEqualTo(expected);
    }

    /** A dotted quad is never malformed, and its literal is the address it names. */
    @Property
    void everyDottedQuadIsALiteralOfItsAddress(@ForAll int address) {
        String quad = v4(address).getHostAddress();

        assertThat(WebhookAddresses.malformedHost(quad)).isEmpty();
        assertThat(WebhookAddresses.literal(quad)).contains(v4(address));
    }

    /** Digits and dots in any other shape are malformed, and never parsed into an address. */
    @Property
    void digitsAndDotsInAnyOtherShapeAreMalformed(@ForAll("digitsAndDots") String host) {
        boolean quad = host.matches(
                "((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");

        assertThat(WebhookAddresses.malformedHost(host).isEmpty()).isEqualTo(quad);
        assertThat(WebhookAddresses.literal(host).isPresent()).isEqualTo(quad);
    }

    @Property
    void headerValuesOfTabAndVisibleAsciiAreSendable(
            @ForAll @Chars('\t') @CharRange(from = ' ', to = '~') String value) {
        assertThat(WebhookHeaders.unsendableValue("X-Name", value)).isEmpty();
    }

    @Property
    void aHeaderValueWithAnyOtherCharacterIsNot(
            @ForAll @CharRange(from = ' ', to = '~') String prefix, @ForAll char other) {
        org.assertj.core.api.Assumptions.assumeThat(other == '\t' || (other >= ' ' && other <= '~')).isFalse();

        assertThat(WebhookHeaders.unsendableValue("X-Name", prefix + other))
                .hasValueSatisfying(
                        m -> assertThat(m).contains(String.format("U+%04X at %d", (int) other, prefix.length())));
    }

    @Provide
    Arbitrary<Integer> refusedV4() {
        return Arbitraries.of(REFUSED_V4).flatMap(cidr -> {
            int[] range = cidr4(cidr);
            return Arbitraries.integers().map(host -> range[0] | (host & ~range[1]));
        });
    }

    @Provide
    Arbitrary<byte[]> refusedV6() {
        return Arbitraries.of(REFUSED_V6)
                .flatMap(cidr -> Arbitraries.bytes()
                        .array(byte[].class)
                        .ofSize(16)
                        .map(random -> {
                            byte[] prefix = literal(cidr.substring(0, cidr.indexOf('/')))
                                    .getAddress();
                            int bits = Integer.parseInt(cidr.substring(cidr.indexOf('/') + 1));
                            for (int bit = 0; bit < bits; bit++) {
                                int mask = 0x80 >>> (bit % 8);
                                random[bit / 8] = (byte) ((random[bit / 8] & ~mask) | (prefix[bit / 8] & mask));
                            }
                            return random;
                        }));
    }

    @Provide
    Arbitrary<String> digitsAndDots() {
        return Arbitraries.strings()
                .withChars("0123456789.")
                .ofMinLength(1)
                .ofMaxLength(20)
                .filter(s -> s.chars().anyMatch(Character::isDigit));
    }

    /** {network, mask} of an IPv4 CIDR. */
    private static int[] cidr4(String cidr) {
        byte[] b = literal(cidr.substring(0, cidr.indexOf('/'))).getAddress();
        int bits = Integer.parseInt(cidr.substring(cidr.indexOf('/') + 1));
        int network = ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
        return new int[] {network, bits == 0 ? 0 : -1 << (32 - bits)};
    }

    private static void put(byte[] b, int offset, int value) {
        b[offset] = (byte) (value >>> 24);
        b[offset + 1] = (byte) (value >>> 16);
        b[offset + 2] = (byte) (value >>> 8);
        b[offset + 3] = (byte) value;
    }

    private static InetAddress v4(int address) {
        byte[] b = new byte[4];
        put(b, 0, address);
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Always an Inet6Address, even for ::ffff:a.b.c.d (which InetAddress.getByAddress would turn into IPv4). */
    private static InetAddress v6(byte[] b) {
        try {
            return Inet6Address.getByAddress(null, b, -1);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InetAddress literal(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
