package dev.pidgr.workflow.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pidgr.contract.Ids;
import dev.pidgr.events.v1.WebhookOutcome;
import dev.pidgr.events.v1.WebhookResult;
import dev.pidgr.workflow.WorkflowSettings;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Webhook delivery against a real local HTTP server (docs/api.md, "Webhook calls"). */
class WebhookDispatcherTest {

    private static final byte[] SECRET = "s3cret-for-webhooks".getBytes(StandardCharsets.UTF_8);
    private static final String ORGANIZATION = "org-a";
    private static final String CAMPAIGN = "c0000000-0000-4000-8000-0000000000aa";
    private static final byte[] BODY = "{\"campaign_id\":\"c\",\"page\":1}".getBytes(StandardCharsets.UTF_8);

    private record Hit(Map<String, List<String>> headers, byte[] body, long atMillis) {
        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst())
                    .findFirst()
                    .orElse(null);
        }
    }

    private final List<Hit> hits = new CopyOnWriteArrayList<>();
    private final BlockingQueue<WebhookResult> results = new LinkedBlockingQueue<>();
    private final java.util.concurrent.atomic.AtomicBoolean cancelled = new java.util.concurrent.atomic.AtomicBoolean();
    private final CountDownLatch slowServer = new CountDownLatch(1);
    private HttpServer server;
    private WebhookDispatcher dispatcher;

    @AfterEach
    void tearDown() {
        slowServer.countDown();
        if (dispatcher != null) {
            dispatcher.close();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    private String serve(IntFunction<Integer> statusForAttempt, boolean hangs) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            hits.add(new Hit(
                    Map.copyOf(exchange.getRequestHeaders()),
                    exchange.getRequestBody().readAllBytes(),
                    System.currentTimeMillis()));
            int status = statusForAttempt.apply(hits.size());
            if (hangs && status == 0) {
                try {
                    slowServer.await(); // answers only once the test ends: longer than any attempt
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                status = 200;
            }
            if (status == 302) {
                exchange.getResponseHeaders().add("Location", "http://10.0.0.1/internal");
            }
            if (status == 429) {
                exchange.getResponseHeaders().add("Retry-After", "1");
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** Short backoff; a per-attempt timeout long enough that a loaded machine never times out a quick answer. */
    private WorkflowSettings settings(boolean insecure) {
        return WorkflowSettings.defaults().withWebhookSecret(SECRET).withAllowInsecureWebhooks(insecure)
                .withWebhookTiming(Duration.ofSeconds(5), Duration.ofMillis(50), Duration.ofMillis(200), 5);
    }

    private WebhookResult dispatch(WorkflowSettings settings, String url) throws InterruptedException {
        dispatcher = new WebhookDispatcher(settings, results::add);
        WebhookCall call = new WebhookCall(
                ORGANIZATION,
                CAMPAIGN,
                "hook",
                1,
                1,
                Ids.webhookIdempotencyKey(CAMPAIGN, "hook", 1),
                BODY,
                url,
                Map.of("X-Team", "people", "Idempotency-Key", "forged"));
        assertThat(dispatcher.tryDispatch(call, this::standing)).isEqualTo(DispatchShares.Admission.ACCEPTED);
        WebhookResult result = results.poll(30, TimeUnit.SECONDS);
        assertThat(result).isNotNull();
        return result;
    }

    /** The campaign's pages are wanted until the test cancels it. */
    private WebhookDispatcher.Standing standing() {
        return cancelled.get() ? WebhookDispatcher.Standing.CANCELLED : WebhookDispatcher.Standing.WANTED;
    }

    private static String hmac(String timestamp, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
        mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    @Test
    void shouldSignTheBodySoTheReceiverCanVerifyIt() throws Exception {
        String url = serve(n -> 204, false);

        WebhookResult result = dispatch(settings(true), url);

        assertThat(result.getOutcome()).isEqualTo(WebhookOutcome.WEBHOOK_OUTCOME_SUCCEEDED);
        assertThat(result.getAttempts()).isEqualTo(1);
        assertThat(result.getLastStatusCode()).isEqualTo(204);
        Hit hit = hits.getFirst();
        assertThat(hit.body()).isEqualTo(BODY);
        assertThat(hit.header("Content-Type")).isEqualTo("application/json");
        assertThat(hit.header("X-Team")).isEqualTo("people");
        assertThat(hit.header("Idempotency-Key")).isEqualTo(Ids.webhookIdempotencyKey(CAMPAIGN, "hook", 1));
        assertThat(Long.parseLong(hit.header("X-Pidgr-Timestamp")))
                .isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(60L));
        assertThat(hit.header("X-Pidgr-Signature")).isEqualTo(hmac(hit.header("X-Pidgr-Timestamp"), hit.body()));
        assertThat(result.getIdempotencyKey()).isEqualTo(Ids.webhookIdempotencyKey(CAMPAIGN, "hook", 1));
    }

    @Test
    void shouldRetryOn500And429WithTheSameBodyAndKeyAndAFreshSignature() throws Exception {
        String url = serve(n -> n == 1 ? 500 : n == 2 ? 429 : 200, false);

        WebhookResult result = dispatch(settings(true), url);

        assertThat(result.getOutcome()).isEqualTo(WebhookOutcome.WEBHOOK_OUTCOME_SUCCEEDED);
        assertThat(result.getAttempts()).isEqualTo(3);
        assertThat(hits).hasSize(3);
        assertThat(hits).allSatisfy(hit -> {
            assertThat(hit.body()).isEqualTo(BODY);
            assertThat(hit.header("Idempotency-Key")).isEqualTo(Ids.webhookIdempotencyKey(CAMPAIGN, "hook", 1));
            assertThat(hit.header("X-Pidgr-Signature")).isEqualTo(hmac(hit.header("X-Pidgr-Timestamp"), hit.body()));
        });
        assertThat(hits.get(1).atMillis() - hits.get(0).atMillis())
                .isGreaterThanOrEqualTo(25); // backoff from 50 ms, jitter >= half
    }

    @Test
    void shouldWaitForRetryAfterBeforeTheNextAttempt() throws Exception {
        String url = serve(n -> n == 1 ? 429 : 200, false);

        WebhookResult result = dispatch(settings(true)
                .withWebhookTiming(Duration.ofSeconds(5), Duration.ofMillis(10), Duration.ofSeconds(5), 5), url);

        assertThat(result.getOutcome()).isEqualTo(WebhookOutcome.WEBHOOK_OUTCOME_SUCCEEDED);
        assertThat(result.getAttempts()).isEqualTo(2);
        assertThat(hits.get(1).atMillis() - hits.get(0).atMillis())
                .isGreaterThanOrEqualTo(1_000); // Retry-After: 1, not the 10 ms backoff
    }

    @Test
    void shouldRetryATimeout() throws Exception {
        String url = serve(n -> n == 1 ? 0 : 200, true);

        WebhookResult result = dispatch(settings(true)
                .withWebhookTiming(Duration.ofMillis(300), Duration.ofMillis(50), Duration.ofMillis(200), 5), url);

        assertThat(result.getOutcome()).isEqualTo(WebhookOutcome.WEBHOOK_OUTCOME_SUCCEEDED);
        assertThat(result.getAttempts()).isEqualTo(2);
    }

    @Test
    void shouldNotRetryOtherClientErrors() throws Exception {
        String url = serve(n -> 400, false);

        WebhookResult result = dispatch(settings(true), url);

        assertThat(result.getOutcome()).isEqualTo(WebhookOutcome.WEBHOOK_OUTCOME_FAILED);
        assertThat(result.getAttempts()).isEqualTo(1);
        assertThat(result.getLastStatusCode()).isEqualTo(400);
        assertThat(hits).hasSize(1);
    }

    @Test
    void shouldFailAfterFiveAttempts() throws Exception {
        String url = serve(n -> 503, false);

        WebhookResult result = dispatch(settings(true), url);

        assertThat(result.getOutcome()).isEqualTo(WebhookOutcome.WEBHOOK_OUTCOME_FAILED);
        assertThat(result.getAttempts()).isEqualTo(5);
        assertThat(result.getLastStatusCode()).isEqualTo(503);
        assertThat(hits).hasSize(5);
    }

    @Test
    void shouldNotFollowRedirects() throws Exception {
        String url = serve(n -> 302, false);

        WebhookResult result = dispatch(settings(true), url);

        assertThat(result.getOutcome()).isEqualTo(WebhookOutcome.WEBHOOK_OUTCOME_FAILED);
        assertThat(result.getLastStatusCode()).isEqualTo(302);
        assertThat(result.getAttempts()).isEqualTo(1);
        assertThat(hits).hasSize(1);
    }

    @Test
    void shouldReportCancelledWithoutCallingWhenTheCampaignWasCancelled() throws Exception {
        String url = serve(n -> 200, false);
        cancelled.set(true);

        WebhookResult result = dispatch(settings(true), url);

        assertThat(result.getOutcome()).isEqualTo(WebhookOutcome.WEBHOOK_OUTCOME_CANCELLED);
        assertThat(result.getAttempts()).isZero();
        assertThat(hits).isEmpty();
    }

    @Test
    void shouldStopRetryingOnceCancelled() throws Exception {
        String url = serve(n -> {
            cancelled.set(true);
            return 500;
        }, false);

        WebhookResult result = dispatch(settings(true), url);

        assertThat(result.getOutcome()).isEqualTo(WebhookOutcome.WEBHOOK_OUTCOME_CANCELLED);
        assertThat(result.getAttempts()).isEqualTo(1);
        assertThat(hits).hasSize(1);
    }

    @Test
    void shouldRefuseANameThatResolvesToAPrivateAddress() throws Exception {
        WorkflowSettings settings =
                settings(false).withWebhookResolver(host -> List.of(InetAddress.getByName("192.168.10.20")));

        WebhookResult result = dispatch(settings, "https://hooks.example.com/hook");

        assertThat(result.getOutcome()).isEqualTo(WebhookOutcome.WEBHOOK_OUTCOME_FAILED);
        assertThat(result.getAttempts()).isEqualTo(1);
        assertThat(result.getError()).contains("private addresses are not allowed");
    }

    @Test
    void shouldNeverConnectToALoopbackAddressANameResolvesTo() throws Exception {
        String url = serve(n -> 200, false);
        int port = server.getAddress().getPort();
        WorkflowSettings settings =
                settings(false).withWebhookResolver(host -> List.of(InetAddress.getLoopbackAddress()));

        WebhookResult result = dispatch(settings, "https://hooks.example.com:" + port + "/hook");

        assertThat(result.getOutcome()).isEqualTo(WebhookOutcome.WEBHOOK_OUTCOME_FAILED);
        assertThat(result.getError()).contains("loopback addresses are not allowed");
        assertThat(hits).isEmpty();
        assertThat(url).isNotEmpty();
    }

    @Test
    void shouldConnectToTheAddressTheInjectedResolverGave() throws Exception {
        serve(n -> 200, false);
        int port = server.getAddress().getPort();
        WorkflowSettings settings =
                settings(true).withWebhookResolver(host -> List.of(InetAddress.getLoopbackAddress()));

        WebhookResult result = dispatch(settings, "http://hooks.example.com:" + port + "/hook");

        assertThat(result.getOutcome()).isEqualTo(WebhookOutcome.WEBHOOK_OUTCOME_SUCCEEDED);
        assertThat(hits.getFirst().header("Host")).isEqualTo("hooks.example.com:" + port);
    }

    @Test
    void shouldRefusePlainHttpUnlessInsecureWebhooksAreAllowed() throws Exception {
        String url = serve(n -> 200, false);

        WebhookResult result = dispatch(settings(false), url);

        assertThat(result.getOutcome()).isEqualTo(WebhookOutcome.WEBHOOK_OUTCOME_FAILED);
        assertThat(result.getError()).isEqualTo("only https webhook URLs are allowed");
        assertThat(hits).isEmpty();
    }

    @Test
    void shouldRefuseALiteralPrivateAddressAtCallTime() throws Exception {
        WebhookResult result = dispatch(settings(false), "https://10.1.2.3/hook");

        assertThat(result.getOutcome()).isEqualTo(WebhookOutcome.WEBHOOK_OUTCOME_FAILED);
        assertThat(result.getError()).contains("private addresses are not allowed");
    }

    @Test
    void shouldEndAPageWhoseHeaderValueHttpCannotCarryAndFreeItsSlot() throws Exception {
        String url = serve(n -> 200, false);
        dispatcher = new WebhookDispatcher(settings(true).withDispatcher(1, 0), results::add);
        WebhookCall accented = new WebhookCall(
                ORGANIZATION, CAMPAIGN, "hook", 1, 1, "key-1", BODY, url, Map.of("X-Name", "caf" + (char) 0xe9));

        assertThat(dispatcher.tryDispatch(accented, () -> WebhookDispatcher.Standing.WANTED))
                .isEqualTo(DispatchShares.Admission.ACCEPTED);
        WebhookResult result = results.poll(10, TimeUnit.SECONDS);

        assertThat(result).isNotNull();
        assertThat(result.getOutcome()).isEqualTo(WebhookOutcome.WEBHOOK_OUTCOME_FAILED);
        assertThat(result.getAttempts()).isEqualTo(1);
        assertThat(result.getError()).isEqualTo("header X-Name has a character that HTTP does not allow in a value "
                + "(U+00E9 at 3): only tab and visible ASCII are allowed");
        assertThat(hits).isEmpty();
        WebhookCall next = new WebhookCall(ORGANIZATION, CAMPAIGN, "hook", 2, 2, "key-2", BODY, url, Map.of());
        assertThat(dispatcher.tryDispatch(next, () -> WebhookDispatcher.Standing.WANTED))
                .isEqualTo(DispatchShares.Admission.ACCEPTED);
        assertThat(results.poll(10, TimeUnit.SECONDS))
                .extracting(WebhookResult::getOutcome)
                .isEqualTo(WebhookOutcome.WEBHOOK_OUTCOME_SUCCEEDED);
    }

    @Test
    void shouldEndAPageWhoseAttemptThrowsSomethingUnexpectedAndFreeItsSlot() throws Exception {
        WorkflowSettings settings = settings(false).withDispatcher(1, 0).withWebhookResolver(host -> {
            throw new IllegalStateException("a resolver bug");
        });
        dispatcher = new WebhookDispatcher(settings, results::add);
        WebhookCall call = new WebhookCall(
                ORGANIZATION, CAMPAIGN, "hook", 1, 1, "key-1", BODY, "https://hooks.example.com/h", Map.of());

        assertThat(dispatcher.tryDispatch(call, () -> WebhookDispatcher.Standing.WANTED))
                .isEqualTo(DispatchShares.Admission.ACCEPTED);
        WebhookResult result = results.poll(10, TimeUnit.SECONDS);

        assertThat(result).isNotNull();
        assertThat(result.getOutcome()).isEqualTo(WebhookOutcome.WEBHOOK_OUTCOME_FAILED);
        assertThat(result.getAttempts()).isEqualTo(1);
        assertThat(result.getError())
                .isEqualTo("the webhook call failed with an internal error (see the workflow processor's log)");
        assertThat(dispatcher.tryDispatch(call, () -> WebhookDispatcher.Standing.WANTED))
                .isEqualTo(DispatchShares.Admission.ACCEPTED);
    }

    @Test
    void shouldRefuseAHostOfDigitsAndDotsThatIsNotAnIpv4AddressWithoutAnyLookup() throws Exception {
        List<String> lookups = new CopyOnWriteArrayList<>();
        for (boolean insecure : new boolean[] {false, true}) {
            WorkflowSettings settings = settings(insecure).withWebhookResolver(host -> {
                lookups.add(host);
                return List.of(InetAddress.getByName("93.184.216.34"));
            });

            WebhookResult result = dispatch(settings, "https://1.2.3.4.5/hook");
            dispatcher.close();

            assertThat(result.getOutcome()).isEqualTo(WebhookOutcome.WEBHOOK_OUTCOME_FAILED);
            assertThat(result.getAttempts()).isEqualTo(1);
            assertThat(result.getError()).isEqualTo("the host 1.2.3.4.5 is not a valid IPv4 address "
                    + "(write it as four decimal numbers from 0 to 255, a.b.c.d)");
        }
        assertThat(lookups).isEmpty();
    }

    @Test
    void shouldTimeOutADnsLookupThatHangsAsARetryableAttempt() throws Exception {
        java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
        WorkflowSettings settings = settings(false)
                .withWebhookTiming(Duration.ofMillis(300), Duration.ofMillis(10), Duration.ofMillis(10), 2)
                .withWebhookResolver(host -> {
                    try {
                        never.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    throw new java.net.UnknownHostException(host);
                });

        WebhookResult result = dispatch(settings, "https://hooks.example.com/hook");
        never.countDown();

        assertThat(result.getOutcome()).isEqualTo(WebhookOutcome.WEBHOOK_OUTCOME_FAILED);
        assertThat(result.getAttempts()).isEqualTo(2);
        assertThat(result.getError())
                .isEqualTo("resolving the webhook host hooks.example.com took longer than the attempt's 300 ms");
    }
}
