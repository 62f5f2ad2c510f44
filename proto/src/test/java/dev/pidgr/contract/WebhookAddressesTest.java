package dev.pidgr.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookAddressesTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "localhost",
                "api.localhost",
                "127.0.0.1",
                "127.1",
                "2130706433",
                "10.1.2.3",
                "172.16.0.1",
                "172.31.255.255",
                "192.168.1.1",
                "100.64.0.1",
                "169.254.169.254",
                "0.0.0.0",
                "224.0.0.1",
                "[::1]",
                "[fe80::1]",
                "[fc00::1]",
                "[fd12::1]",
                "[::ffff:10.0.0.1]",
                "[::]",
                "0x7f.1",
                "0x7f000001",
                "0177.0.0.1",
                "localhost.",
                "10.0.0.1.",
                "999.1.1.1",
                "1.2.3.256"
            })
    void shouldRefuseLocalAndPrivateHosts(String host) {
        assertThat(WebhookAddresses.refusalForHost(host)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "1.2.3.4.5",
                "256.1.1.1",
                "1..2",
                "1.2.3.4.",
                "12345678901234567890",
                "[64:ff9b::a00:1]",
                "[64:ff9b::7f00:1]",
                "[64:ff9b:1::808:808]",
                "[2002:a00:1::]",
                "[2002:c0a8:101::1]",
                "[2001:0:a00:1::f7f7:f7f7]",
                "[2001:0:808:808::f5ff:fffe]",
                "[::a00:1]",
                "[::7f00:1]",
                "[fec0::1]",
                "240.0.0.1",
                "255.255.255.255",
                "198.18.0.1",
                "198.19.255.255",
                "192.0.0.8",
                "192.0.2.1",
                "198.51.100.7",
                "203.0.113.9",
                "[2001:db8::1]",
                "[100::1]",
                "[2001:2::1]",
                "[3fff::1]",
                "192.88.99.1"
            })
    void shouldRefuseReservedRangesAndIpv4EmbeddedInIpv6(String host) {
        assertThat(WebhookAddresses.refusalForHost(host)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "example.com",
                "hooks.example.org",
                "8.8.8.8",
                "172.32.0.1",
                "100.128.0.1",
                "[2606:4700::1111]",
                "172.15.255.255",
                "198.17.255.255",
                "198.20.0.0",
                "192.0.1.0",
                "223.255.255.255",
                "[64:ff9b::808:808]",
                "[2002:808:808::1]",
                "[2001:0:808:808::f7f7:f7f7]",
                "0x7f.example.com",
                "1.2.3.example"
            })
    void shouldAcceptPublicHostsAndNames(String host) {
        assertThat(WebhookAddresses.refusalForHost(host)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "[64:ff9b::a00:1]|private addresses are not allowed (carried in a NAT64 address)",
                "[2002:7f00:1::]|loopback addresses are not allowed (carried in a 6to4 address)",
                "[::a9fe:a9fe]|link-local addresses are not allowed (carried in an IPv4-compatible address)",
                "[2001:0:808:808::3f57:fefe]|private addresses are not allowed (carried in the client part of a Teredo"
                        + " address)",
                "[2001:0:a00:1::f7f7:f7f7]|private addresses are not allowed (carried in the server part of a Teredo"
                        + " address)",
                "255.255.255.255|reserved addresses (240.0.0.0/4, with the broadcast address) are not allowed",
                "[fec0::1]|site-local addresses are not allowed",
                "1.2.3.4.5|the host 1.2.3.4.5 is not a valid IPv4 address (write it as four decimal numbers from 0 to"
                        + " 255, a.b.c.d)"
            })
    void shouldSayWhyAndNameTheCarriedAddress(String host, String reason) {
        assertThat(WebhookAddresses.refusalForHost(host)).contains(reason);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "1.2.3.4.5",
                "256.1.1.1",
                "1..2",
                "1.2.3.4.",
                ".1.2.3.4",
                "127.1",
                "2130706433",
                "0x7f.0.0.1",
                "010.0.0.1",
                "01.2.3.4",
                "0x",
                "12345678901234567890"
            })
    void shouldCallHostsOfDigitsAndDotsMalformedUnlessTheyAreDottedQuads(String host) {
        assertThat(WebhookAddresses.malformedHost(host)).isPresent();
        assertThat(WebhookAddresses.literal(host)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"1.2.3.4", "0.0.0.0", "255.255.255.255", "example.com", "deadbeef", "0x7f.example", "[::1]"})
    void shouldNotCallDottedQuadsNamesOrIpv6Malformed(String host) {
        assertThat(WebhookAddresses.malformedHost(host)).isEmpty();
    }

    @Test
    void shouldParseLiteralsWithoutDns() throws UnknownHostException {
        assertThat(WebhookAddresses.literal("8.8.8.8")).contains(InetAddress.getByName("8.8.8.8"));
        assertThat(WebhookAddresses.literal("[2606:4700::1111]")).contains(InetAddress.getByName("2606:4700::1111"));
        assertThat(WebhookAddresses.literal("example.com")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1", "192.168.0.10", "127.0.0.2", "::1"})
    void shouldRefuseResolvedPrivateAddresses(String literal) throws Exception {
        assertThat(WebhookAddresses.refusal(InetAddress.getByName(literal))).isPresent();
    }

    @Test
    void shouldRefuseAnIpv4MappedAddressThatAResolverReturnsAsIpv6() throws Exception {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 10, 0, 0, 1};

        assertThat(WebhookAddresses.refusal(Inet6Address.getByAddress(null, mapped, -1)))
                .contains("private addresses are not allowed (carried in an IPv4-mapped address)");
    }
}
