package dev.pidgr.command.workflow;

import static dev.pidgr.command.workflow.Steps.webhook;
import static dev.pidgr.command.workflow.Steps.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pidgr.api.v1.CallWebhookConfig;
import dev.pidgr.command.decision.Violation;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class WebhookValidationTest {

    private static List<Violation> problems(boolean insecureAllowed, String url) {
        return new WorkflowValidator(insecureAllowed).validate(workflow(webhook("hook", url)), "workflow");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://hooks.example.com/pidgr?x=1",
                "https://93.184.216.34/hook",
                "https://[2606:4700::1111]/h"
            })
    void shouldAcceptHttpsUrlsWithPublicOrNamedHosts(String url) {
        assertThat(problems(false, url)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "/relative/path|must be an absolute http(s) URL",
                "ftp://example.com/x|must be an absolute http(s) URL",
                "https://user:secret@example.com/|must not contain user info",
                "https://exa mple.com/|is not a well-formed URL",
                "https:///no-host|has no valid host",
                "http://hooks.example.com/|url must use https",
                "https://127.0.0.1/|refused: loopback addresses are not allowed",
                "https://10.1.2.3/|refused: private addresses are not allowed",
                "https://[::1]/|refused: loopback addresses are not allowed",
                "https://169.254.169.254/latest|refused: link-local addresses are not allowed",
                "https://localhost:8443/|refused: localhost is not allowed",
                "https://127.1/|has no valid host: the host 127.1 is not a valid IPv4 address",
                "https://2130706433/|has no valid host: the host 2130706433 is not a valid IPv4 address",
                "https://0x7f.0.0.1/|has no valid host: the host 0x7f.0.0.1 is not a valid IPv4 address",
                "https://010.0.0.1/|has no valid host: the host 010.0.0.1 is not a valid IPv4 address",
                "https://[64:ff9b::a00:1]/|refused: private addresses are not allowed (carried in a NAT64 address)",
                "https://[2002:7f00:1::]/|refused: loopback addresses are not allowed (carried in a 6to4 address)",
                "https://[fec0::1]/|refused: site-local addresses are not allowed",
                "https://255.255.255.255/|refused: reserved addresses (240.0.0.0/4, with the broadcast address) are"
                        + " not allowed",
                "https://198.18.0.1/|refused: benchmarking addresses are not allowed",
                "https://192.0.2.10/|refused: documentation addresses are not allowed"
            })
    void shouldRefuseUnsafeOrMalformedUrls(String url, String reason) {
        assertThat(problems(false, url)).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("workflow.steps[0].call_webhook.url");
            assertThat(v.description()).startsWith("step \"hook\": ").contains(reason);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/hook", "http://localhost:9000/", "https://192.168.1.5/"})
    void shouldAllowPlainHttpAndLocalTargetsWhenTheDeploymentAllowsInsecureWebhooks(String url) {
        assertThat(problems(true, url)).isEmpty();
    }

    @Test
    void shouldStillRequireAWellFormedUrlWhenInsecureWebhooksAreAllowed() {
        assertThat(problems(true, "http://user@localhost/")).extracting(Violation::description)
                .containsExactly("step \"hook\": url must not contain user info (credentials belong in headers)");
        assertThat(problems(true, ""))
                .extracting(Violation::description)
                .containsExactly("step \"hook\": a CALL_WEBHOOK step needs a url");
    }

    @Test
    void shouldCheckHeaders() {
        CallWebhookConfig.Builder c = CallWebhookConfig.newBuilder()
                .setUrl("https://example.com")
                .putHeaders("Bad Name", "x")
                .putHeaders("X-Pidgr-Signature", "forged")
                .putHeaders("X-Token", "a\r\nInjected: 1");
        List<Violation> v = new WorkflowValidator(false)
                .validate(workflow(webhook("hook", "").setCallWebhook(c)), "workflow");

        assertThat(v)
                .extracting(Violation::field)
                .containsExactlyInAnyOrder(
                        "workflow.steps[0].call_webhook.headers[Bad Name]",
                        "workflow.steps[0].call_webhook.headers[X-Pidgr-Signature]",
                        "workflow.steps[0].call_webhook.headers[X-Token]");
    }

    private static List<Violation> headerProblems(String name, String value) {
        CallWebhookConfig.Builder c =
                CallWebhookConfig.newBuilder().setUrl("https://example.com").putHeaders(name, value);
        return new WorkflowValidator(false).validate(workflow(webhook("hook", "").setCallWebhook(c)), "workflow");
    }

    static Stream<Arguments> valuesHttpCannotCarry() {
        String rule = "only tab and visible ASCII are allowed";
        return Stream.of(
                Arguments.of("caf" + (char) 0xe9, "(U+00E9 at 3): " + rule),
                Arguments.of("a" + (char) 0x01 + "b", "(U+0001 at 1): " + rule),
                Arguments.of("a" + (char) 0x7f + "b", "(U+007F at 1): " + rule),
                Arguments.of((char) 0xa0 + "x", "(U+00A0 at 0): " + rule));
    }

    @ParameterizedTest
    @MethodSource("valuesHttpCannotCarry")
    void shouldRefuseHeaderValuesWithCharactersHttpCannotCarry(String value, String where) {
        assertThat(headerProblems("X-Name", value))
                .containsExactly(new Violation(
                        "workflow.steps[0].call_webhook.headers[X-Name]",
                        "step \"hook\": header X-Name has a character that HTTP does not allow in a value " + where));
    }

    @ParameterizedTest
    @ValueSource(strings = {" token", "token ", "\ttoken", "token\t"})
    void shouldRefuseHeaderValuesThatStartOrEndWithWhitespace(String value) {
        assertThat(headerProblems("X-Name", value))
                .containsExactly(new Violation(
                        "workflow.steps[0].call_webhook.headers[X-Name]",
                        "step \"hook\": header X-Name has a value that starts or ends with a space or tab"
                                + " (HTTP would drop it)"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"X:Name", "X Name", "X-Nam\u00e9", "X(Name)", "X/Name"})
    void shouldRefuseHeaderNamesThatAreNotHttpTokens(String name) {
        assertThat(headerProblems(name, "v"))
                .containsExactly(new Violation(
                        "workflow.steps[0].call_webhook.headers[" + name + "]",
                        "step \"hook\": header name \"" + name
                                + "\" is not a valid HTTP header name (letters, digits and "
                                + "!#$%&'*+-.^_`|~ only) of at most 200 characters"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Bearer abc.def-123", "a\tb", "a  b", "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"})
    void shouldAcceptTabAndVisibleAsciiInHeaderValues(String value) {
        assertThat(headerProblems("X-Name", value)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "false|https://1.2.3.4.5/hook", "true|https://1.2.3.4.5/hook", "false|https://256.1.1.1/",
                        "true|https://1..2/",
                "true|https://12345678901234567890/", "true|https://2130706433/", "true|https://010.0.0.1/",
                        "true|https://0x7f000001/",
                "true|https://1.2.3.4./"
            })
    void shouldRefuseHostsOfDigitsAndDotsThatAreNotIpv4AddressesInEveryDeployment(boolean insecureAllowed, String url) {
        assertThat(problems(insecureAllowed, url)).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("workflow.steps[0].call_webhook.url");
            assertThat(v.description())
                    .contains("is not a valid IPv4 address (write it as four decimal numbers from 0 to 255, a.b.c.d)");
        });
    }

    @Test
    void shouldRejectMoreThanTwentyHeaders() {
        CallWebhookConfig.Builder c = CallWebhookConfig.newBuilder().setUrl("https://example.com");
        for (int i = 0; i < 21; i++) {
            c.putHeaders("X-H" + i, "v");
        }
        assertThat(new WorkflowValidator(false)
                        .validate(workflow(webhook("hook", "").setCallWebhook(c)), "workflow"))
                .containsExactly(new Violation(
                        "workflow.steps[0].call_webhook.headers", "step \"hook\": at most 20 headers are allowed"));
    }
}
