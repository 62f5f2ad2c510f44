package dev.pidgr.command.workflow;

import static dev.pidgr.command.workflow.Steps.webhook;
import static dev.pidgr.command.workflow.Steps.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pidgr.api.v1.CallWebhookConfig;
import dev.pidgr.command.decision.Violation;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class WebhookValidationTest {

    private static List<Violation> problems(boolean insecureAllowed, String url) {
        return new WorkflowValidator(insecureAllowed).validate(workflow(webhook("hook", url)), "workflow");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://hooks.example.com/pidgr?x=1", "https://93.184.216.34/hook", "https://[2606:4700::1111]/h"})
    void shouldAcceptHttpsUrlsWithPublicOrNamedHosts(String url) {
        assertThat(problems(false, url)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
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
            "https://127.1/|has no valid host",
            "https://2130706433/|write an IPv4 address as four decimal numbers",
            "https://0x7f.0.0.1/|has no valid host",
            "https://010.0.0.1/|write an IPv4 address as four decimal numbers"})
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
        assertThat(problems(true, "")).extracting(Violation::description).containsExactly("step \"hook\": a CALL_WEBHOOK step needs a url");
    }

    @Test
    void shouldCheckHeaders() {
        CallWebhookConfig.Builder c = CallWebhookConfig.newBuilder().setUrl("https://example.com")
                .putHeaders("Bad Name", "x").putHeaders("X-Pidgr-Signature", "forged").putHeaders("X-Token", "a\r\nInjected: 1");
        List<Violation> v = new WorkflowValidator(false).validate(workflow(webhook("hook", "").setCallWebhook(c)), "workflow");

        assertThat(v).extracting(Violation::field).containsExactlyInAnyOrder("workflow.steps[0].call_webhook.headers[Bad Name]",
                "workflow.steps[0].call_webhook.headers[X-Pidgr-Signature]", "workflow.steps[0].call_webhook.headers[X-Token]");
    }

    @Test
    void shouldRejectMoreThanTwentyHeaders() {
        CallWebhookConfig.Builder c = CallWebhookConfig.newBuilder().setUrl("https://example.com");
        for (int i = 0; i < 21; i++) {
            c.putHeaders("X-H" + i, "v");
        }
        assertThat(new WorkflowValidator(false).validate(workflow(webhook("hook", "").setCallWebhook(c)), "workflow"))
                .containsExactly(new Violation("workflow.steps[0].call_webhook.headers", "step \"hook\": at most 20 headers are allowed"));
    }
}
