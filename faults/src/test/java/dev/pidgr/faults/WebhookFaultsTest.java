package dev.pidgr.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.pidgr.api.v1.CampaignStatus;
import dev.pidgr.api.v1.GetCampaignRequest;
import dev.pidgr.api.v1.StartCampaignRequest;
import dev.pidgr.app.run.Node;
import dev.pidgr.app.run.Role;
import dev.pidgr.contract.Ids;
import dev.pidgr.events.v1.DeliveryEvent;
import dev.pidgr.events.v1.StepCompleted;
import dev.pidgr.events.v1.WebhookOutcome;
import dev.pidgr.events.v1.WebhookPageCalled;
import dev.pidgr.faults.support.Api;
import dev.pidgr.faults.support.CampaignFold;
import dev.pidgr.faults.support.Deployment;
import dev.pidgr.faults.support.Report;
import dev.pidgr.faults.support.Requests;
import dev.pidgr.faults.support.WebhookEndpoint;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Webhook receivers that hang, reset the connection, fail once, redirect to a private address or
 * refuse the request, all at once, while another campaign calls a healthy one; and, on a
 * deployment that does not allow insecure webhooks, a host name that resolves to a private address.
 * What each does is docs/api.md's "Webhook calls": 5 s per attempt, 5 attempts with backoff on
 * connection errors, timeouts, 429 and 5xx, any other status final, redirects not followed.
 */
class WebhookFaultsTest {

    private static final int MEMBERS = 20;

    @Test
    void shouldRetryFailAndStopAsDocumentedWithoutSlowingAnotherCampaign() throws Exception {
        try (Deployment deployment = new Deployment("webhooks", 3, true);
                WebhookEndpoint endpoint = new WebhookEndpoint()) {
            Node node = deployment.node(EnumSet.complementOf(EnumSet.of(Role.GATEWAY)));
            try (Api api = new Api(node.grpcPort(), "org-webhooks")) {
                String templateId = api.templates().createTemplate(Requests.template("Hooked")).getTemplate().getId();
                String baseline = campaign(api, templateId, endpoint.url("/ok"));
                Duration alone = runToCompletion(api, baseline);

                Map<String, String> faulty = new LinkedHashMap<>();
                for (String path : List.of("/hang", "/reset", "/flaky", "/redirect", "/bad")) {
                    faulty.put(path, campaign(api, templateId, endpoint.url(path)));
                }
                String healthy = campaign(api, templateId, endpoint.url("/ok"));
                faulty.values().forEach(id -> start(api, id));
                Duration meanwhile = runToCompletion(api, healthy);
                boolean hangStillRetrying = status(api, faulty.get("/hang")) == CampaignStatus.CAMPAIGN_STATUS_ACTIVE;
                faulty.values().forEach(id -> await().atMost(Duration.ofMinutes(3)).until(() ->
                        status(api, id) == CampaignStatus.CAMPAIGN_STATUS_COMPLETED));

                assertThat(hangStillRetrying)
                        .as("the healthy campaign finished while the hanging hook was still retrying")
                        .isTrue();
                assertPage(deployment, faulty.get("/hang"), WebhookOutcome.WEBHOOK_OUTCOME_FAILED, 5, 0, "failed");
                assertPage(deployment, faulty.get("/reset"), WebhookOutcome.WEBHOOK_OUTCOME_FAILED, 5, 0, "failed");
                assertPage(
                        deployment,
                        faulty.get("/flaky"),
                        WebhookOutcome.WEBHOOK_OUTCOME_SUCCEEDED,
                        2,
                        200,
                        "completed");
                assertPage(
                        deployment, faulty.get("/redirect"), WebhookOutcome.WEBHOOK_OUTCOME_FAILED, 1, 302, "failed");
                assertPage(deployment, faulty.get("/bad"), WebhookOutcome.WEBHOOK_OUTCOME_FAILED, 1, 400, "failed");
                assertPage(deployment, healthy, WebhookOutcome.WEBHOOK_OUTCOME_SUCCEEDED, 1, 200, "completed");
                assertThat(requestsOf(endpoint, "/hang", faulty.get("/hang"))).hasSize(5);
                assertThat(requestsOf(endpoint, "/reset", faulty.get("/reset"))).hasSize(5);
                assertThat(requestsOf(endpoint, "/redirect", faulty.get("/redirect"))).hasSize(1);
                assertThat(endpoint.requests("/redirected")).as("redirects are not followed").isEmpty();
                assertThat(requestsOf(endpoint, "/bad", faulty.get("/bad"))).hasSize(1);
                List<WebhookEndpoint.Request> flaky = requestsOf(endpoint, "/flaky", faulty.get("/flaky"));
                assertThat(flaky).hasSize(2);
                assertThat(flaky.get(1).body())
                        .as("the page is frozen at its first attempt")
                        .isEqualTo(flaky.get(0).body());
                assertThat(flaky).allSatisfy(WebhookFaultsTest::assertSigned);
                assertThat(new String(flaky.getFirst().body(), StandardCharsets.UTF_8))
                        .contains(
                                "\"campaign_id\":\"" + faulty.get("/flaky") + "\"",
                                "\"page\":1",
                                "\"page_count\":1",
                                "\"total\":" + MEMBERS);
                Report.line(
                        "WebhookFaultsTest",
                        "a campaign with a healthy webhook completed in %d ms alone and in %d ms while five others'"
                                + " webhooks hung (5 attempts), reset (5), answered 500 then 200 (2), redirected to a"
                                + " private address (1, not followed) and answered 400 (1)",
                        alone.toMillis(),
                        meanwhile.toMillis());
            }
        }
    }

    @Test
    void shouldRefuseAWebhookHostThatResolvesToAPrivateAddressWithoutConnecting() throws Exception {
        String host = InetAddress.getLocalHost().getHostName();
        Assumptions.assumeTrue(
                Arrays.stream(InetAddress.getAllByName(host))
                        .allMatch(a -> a.isLoopbackAddress() || a.isSiteLocalAddress()),
                "this machine's host name resolves to a loopback or private address");
        try (Deployment deployment = new Deployment("webhooks-secure", 3, false);
                WebhookEndpoint endpoint = new WebhookEndpoint()) {
            Node node = deployment.node(EnumSet.complementOf(EnumSet.of(Role.GATEWAY)));
            try (Api api = new Api(node.grpcPort(), "org-webhooks-secure")) {
                String templateId = api.templates().createTemplate(Requests.template("Hooked")).getTemplate().getId();
                for (String literal : List.of("https://10.1.2.3/hook", "https://127.0.0.1:" + endpoint.port() + "/hook",
                        "http://example.com/hook", "https://localhost/hook")) {
                    assertThatThrownBy(() -> campaign(api, templateId, literal))
                            .as(literal)
                            .isInstanceOfSatisfying(
                                    StatusRuntimeException.class,
                                    e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
                }
                String campaignId = campaign(api, templateId, "https://" + host + ":" + endpoint.port() + "/hook");
                runToCompletion(api, campaignId);

                assertPage(deployment, campaignId, WebhookOutcome.WEBHOOK_OUTCOME_FAILED, 1, 0, "failed");
                assertThat(CampaignFold.of(deployment.topics, campaignId)
                                .events(DeliveryEvent.PayloadCase.WEBHOOK_PAGE_CALLED)
                                .getFirst()
                                .getWebhookPageCalled()
                                .getError())
                        .contains("refused address");
                assertThat(endpoint.connections()).as("no connection to the refused address").isZero();
                Report.line(
                        "WebhookFaultsTest",
                        "https://%s:%d (resolving to a private address) refused before connecting: failed after 1"
                            + " attempt, 0 connections; literal private, loopback, localhost and http URLs refused at"
                            + " creation",
                        host,
                        endpoint.port());
            }
        }
    }

    private static String campaign(Api api, String templateId, String url) {
        return api.campaigns().createCampaign(Requests.campaign("Hook " + url, templateId, Requests.users(MEMBERS),
                Requests.sendThenWebhook(url))).getCampaign().getId();
    }

    private static void start(Api api, String campaignId) {
        api.campaigns().startCampaign(StartCampaignRequest.newBuilder().setId(campaignId).build());
    }

    private static CampaignStatus status(Api api, String campaignId) {
        return api.campaigns()
                .getCampaign(GetCampaignRequest.newBuilder().setId(campaignId).build())
                .getCampaign()
                .getStatus();
    }

    /** Starts the campaign and returns how long it took to be COMPLETED through the api. */
    private static Duration runToCompletion(Api api, String campaignId) {
        long started = System.nanoTime();
        start(api, campaignId);
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(50))
                .until(() -> status(api, campaignId) == CampaignStatus.CAMPAIGN_STATUS_COMPLETED);
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** The campaign's one webhook page ended as given, and the step then followed {@code outcome}'s transition. */
    private static void assertPage(
            Deployment deployment,
            String campaignId,
            WebhookOutcome outcome,
            int attempts,
            int lastStatus,
            String stepOutcome) {
        CampaignFold fold = CampaignFold.of(deployment.topics, campaignId);
        WebhookPageCalled page = fold.events(DeliveryEvent.PayloadCase.WEBHOOK_PAGE_CALLED).stream()
                .map(DeliveryEvent::getWebhookPageCalled).reduce((a, b) -> {
                    throw new AssertionError("more than one page result for " + campaignId);
                }).orElseThrow();
        assertThat(page.getOutcome()).as(campaignId).isEqualTo(outcome);
        assertThat(page.getAttempts()).as("attempts").isEqualTo(attempts);
        assertThat(page.getLastStatusCode()).as("last status").isEqualTo(lastStatus);
        StepCompleted hook = fold.events(DeliveryEvent.PayloadCase.STEP_COMPLETED).stream()
                .map(DeliveryEvent::getStepCompleted)
                .filter(s -> s.getStepId().equals("hook"))
                .findFirst()
                .orElseThrow();
        assertThat(hook.getOutcome()).isEqualTo(stepOutcome);
        assertThat(hook.getNextStepId()).isEqualTo(stepOutcome.equals("failed") ? "after-failure" : "end");
    }

    private static List<WebhookEndpoint.Request> requestsOf(WebhookEndpoint endpoint, String path, String campaignId) {
        String key = Ids.webhookIdempotencyKey(campaignId, "hook", 1);
        return endpoint.requests(path).stream().filter(r -> key.equals(r.header("Idempotency-Key"))).toList();
    }

    /** X-Pidgr-Signature is sha256= the HMAC-SHA256 of "timestamp.body" with the deployment's webhook secret. */
    private static void assertSigned(WebhookEndpoint.Request request) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Deployment.WEBHOOK_SECRET, "HmacSHA256"));
            mac.update((request.header("X-Pidgr-Timestamp") + ".").getBytes(StandardCharsets.US_ASCII));
            assertThat(request.header("X-Pidgr-Signature"))
                    .isEqualTo("sha256=" + HexFormat.of().formatHex(mac.doFinal(request.body())));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
