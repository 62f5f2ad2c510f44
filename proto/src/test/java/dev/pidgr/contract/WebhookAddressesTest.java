package dev.pidgr.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookAddressesTest {

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "api.localhost", "127.0.0.1", "127.1", "2130706433", "10.1.2.3", "172.16.0.1",
        "172.31.255.255", "192.168.1.1", "100.64.0.1", "169.254.169.254", "0.0.0.0", "224.0.0.1", "[::1]", "[fe80::1]",
        "[fc00::1]", "[fd12::1]", "[::ffff:10.0.0.1]", "[::]", "0x7f.1", "0x7f000001", "0177.0.0.1", "localhost.", "10.0.0.1.",
        "999.1.1.1", "1.2.3.256"})
    void shouldRefuseLocalAndPrivateHosts(String host) {
        assertThat(WebhookAddresses.refusalForHost(host)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "hooks.example.org", "8.8.8.8", "172.32.0.1", "100.128.0.1", "[2001:db8::1]"})
    void shouldAcceptPublicHostsAndNames(String host) {
        assertThat(WebhookAddresses.refusalForHost(host)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void shouldParseResolverStyleIpv4LiteralsWithoutDns() {
        assertThat(WebhookAddresses.ipv4Literal("0x7f.1")).map(InetAddress::getHostAddress).contains("127.0.0.1");
        assertThat(WebhookAddresses.ipv4Literal("2130706433")).map(InetAddress::getHostAddress).contains("127.0.0.1");
        assertThat(WebhookAddresses.ipv4Literal("0177.0.0.1")).map(InetAddress::getHostAddress).contains("127.0.0.1");
        assertThat(WebhookAddresses.ipv4Literal("8.8.8.8")).map(InetAddress::getHostAddress).contains("8.8.8.8");
        assertThat(WebhookAddresses.ipv4Literal("1.2.3.256")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1", "192.168.0.10", "127.0.0.2", "::1"})
    void shouldRefuseResolvedPrivateAddresses(String literal) throws Exception {
        assertThat(WebhookAddresses.refusal(InetAddress.getByName(literal))).isPresent();
    }
}
