package dev.pidgr.workflow.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.pidgr.events.v1.WebhookOutcome;
import dev.pidgr.events.v1.WebhookResult;
import dev.pidgr.workflow.WorkflowSettings;
import dev.pidgr.workflow.webhook.DispatchShares.Admission;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One organization's slow or hanging webhooks do not hold the dispatcher from another's
 * (docs/security.md, "Webhooks"). Four threads and eight queued pages: an organization may hold
 * three pages and run two attempts (and two DNS lookups) at once.
 */
class WebhookFairnessTest {

    private static final byte[] SECRET = "s3cret-for-webhooks".getBytes(StandardCharsets.UTF_8);

    private final CountDownLatch release = new CountDownLatch(1);
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final BlockingQueue<WebhookResult> results = new LinkedBlockingQueue<>();
    private final java.util.concurrent.Semaphore arrived = new java.util.concurrent.Semaphore(0);
    private HttpServer server;
    private WebhookDispatcher dispatcher;

    @AfterEach
    void tearDown() {
        release.countDown();
        if (dispatcher != null) {
            dispatcher.close();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    /** "/hang" answers once released; anything else at once. */
    private int serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestURI().getPath());
            arrived.release();
            if (exchange.getRequestURI().getPath().equals("/hang")) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        return server.getAddress().getPort();
    }

    private WorkflowSettings settings(Duration timeout, WebhookResolver resolver) {
        return WorkflowSettings.defaults()
                .withWebhookSecret(SECRET)
                .withAllowInsecureWebhooks(true)
                .withDispatcher(4, 8)
                .withWebhookTiming(timeout, Duration.ofMillis(10), Duration.ofMillis(10), 1)
                .withWebhookResolver(resolver);
    }

    private static WebhookCall page(String organization, int page, String url) {
        return new WebhookCall(
                organization,
                "campaign-" + organization,
                "hook",
                page,
                20,
                organization + "-" + page,
                new byte[0],
                url,
                Map.of());
    }

    private List<Admission> dispatchPages(String organization, int count, String url) {
        List<Admission> admissions = new ArrayList<>();
        for (int page = 1; page <= count; page++) {
            admissions.add(
                    dispatcher.tryDispatch(page(organization, page, url), () -> WebhookDispatcher.Standing.WANTED));
        }
        return admissions;
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (latch.getCount() > 0) {
            try {
                latch.await();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitRequests(int count) throws InterruptedException {
        assertThat(arrived.tryAcquire(count, 30, TimeUnit.SECONDS)).as("%d requests arrived", count).isTrue();
        assertThat(requests).hasSize(count);
    }

    @Test
    void shouldCallAnotherOrganizationWhileOneFillsItsShareWithHangingPages() throws Exception {
        int port = serve();
        dispatcher = new WebhookDispatcher(settings(Duration.ofSeconds(60), WebhookResolver.system()), results::add);

        List<Admission> a = dispatchPages("org-a", 20, "http://127.0.0.1:" + port + "/hang");
        awaitRequests(2);
        Admission b = dispatcher.tryDispatch(
                page("org-b", 1, "http://127.0.0.1:" + port + "/ok"), () -> WebhookDispatcher.Standing.WANTED);
        WebhookResult bResult = results.poll(30, TimeUnit.SECONDS);

        assertThat(a.subList(0, 3)).containsOnly(Admission.ACCEPTED);
        assertThat(a.subList(3, 20)).containsOnly(Admission.ORGANIZATION_FULL);
        assertThat(b).isEqualTo(Admission.ACCEPTED);
        assertThat(bResult).isNotNull();
        assertThat(bResult.getIdempotencyKey()).isEqualTo("org-b-1");
        assertThat(bResult.getOutcome()).isEqualTo(WebhookOutcome.WEBHOOK_OUTCOME_SUCCEEDED);
        assertThat(requests)
                .containsExactly("/hang", "/hang", "/ok"); // A's third page waits for A's share of the threads
        assertThat(results).isEmpty();
        release.countDown();
        for (int i = 0; i < 3; i++) {
            assertThat(results.poll(30, TimeUnit.SECONDS)).extracting(WebhookResult::getOutcome)
                    .isEqualTo(WebhookOutcome.WEBHOOK_OUTCOME_SUCCEEDED);
        }
    }

    @Test
    void shouldNotLetOneOrganizationsHangingDnsBlockAnothersLookups() throws Exception {
        int port = serve();
        List<String> lookups = new CopyOnWriteArrayList<>();
        WebhookResolver resolver = host -> {
            lookups.add(host);
            if (host.equals("slow.example")) {
                awaitUninterruptibly(release); // like InetAddress.getAllByName, deaf to interrupts
                throw new UnknownHostException(host);
            }
            return List.of(InetAddress.getLoopbackAddress());
        };
        dispatcher = new WebhookDispatcher(settings(Duration.ofMillis(500), resolver), results::add);

        assertThat(dispatchPages("org-a", 3, "http://slow.example/hook")).containsOnly(Admission.ACCEPTED);
        List<String> aErrors = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            aErrors.add(results.poll(30, TimeUnit.SECONDS).getError());
        }
        Admission b = dispatcher.tryDispatch(
                page("org-b", 1, "http://fast.example:" + port + "/ok"), () -> WebhookDispatcher.Standing.WANTED);
        WebhookResult bResult = results.poll(30, TimeUnit.SECONDS);

        assertThat(aErrors)
                .containsExactlyInAnyOrder(
                        "resolving the webhook host slow.example took longer than the attempt's 500 ms",
                        "resolving the webhook host slow.example took longer than the attempt's 500 ms",
                        "the webhook host was not resolved: the organization already has 2 DNS lookups running (a slow"
                                + " name server?)");
        assertThat(b).isEqualTo(Admission.ACCEPTED);
        assertThat(bResult.getOutcome()).isEqualTo(WebhookOutcome.WEBHOOK_OUTCOME_SUCCEEDED);
        assertThat(lookups).containsExactly("slow.example", "slow.example", "fast.example");
    }
}
