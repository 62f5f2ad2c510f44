package dev.pidgr.workflow.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.pidgr.events.v1.WebhookResult;
import dev.pidgr.workflow.WorkflowSettings;
import dev.pidgr.workflow.kafka.Keys;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A task's waiting line (keys of pages pending in the store). Four threads, no queue: the dispatcher
 * holds four pages, one per organization.
 */
class WebhookDispatchesTest {

    private final CountDownLatch hang = new CountDownLatch(1);
    private final CountDownLatch hangE = new CountDownLatch(1);
    private final BlockingQueue<WebhookResult> results = new LinkedBlockingQueue<>();
    private final Map<String, WebhookCall> store = new ConcurrentHashMap<>();
    private HttpServer server;
    private WebhookDispatcher dispatcher;

    @AfterEach
    void tearDown() {
        hang.countDown();
        hangE.countDown();
        dispatcher.close();
        server.stop(0);
    }

    private String url(String path) throws IOException {
        if (server == null) {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(Executors.newFixedThreadPool(8));
            server.createContext("/", exchange -> {
                CountDownLatch latch = switch (exchange.getRequestURI().getPath()) {
                    case "/hang" -> hang;
                    case "/hang-e" -> hangE;
                    default -> new CountDownLatch(0);
                };
                try {
                    latch.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
        }
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private WebhookDispatches dispatches() {
        WorkflowSettings settings = WorkflowSettings.defaults()
                .withWebhookSecret("s3cret-for-webhooks".getBytes(StandardCharsets.UTF_8))
                .withAllowInsecureWebhooks(true)
                .withDispatcher(4, 0)
                .withWebhookTiming(Duration.ofSeconds(60), Duration.ofMillis(10), Duration.ofMillis(10), 1);
        dispatcher = new WebhookDispatcher(settings, results::add);
        return new WebhookDispatches(dispatcher, key -> Optional.ofNullable(store.get(key)));
    }

    private WebhookCall pending(String organization, int page, String url) {
        WebhookCall call = new WebhookCall(
                organization,
                "campaign-" + organization,
                "hook",
                page,
                2,
                organization + page,
                new byte[0],
                url,
                Map.of());
        store.put(Keys.webhookPage(call.campaignId(), call.stepId(), call.page()), call);
        return call;
    }

    @Test
    void shouldOfferAnotherOrganizationsWaitingPageWhileTheFirstWaitingOnesShareIsFull() throws Exception {
        WebhookDispatches dispatches = dispatches();
        for (String organization : new String[] {"a", "c", "d"}) {
            dispatches.dispatch(pending(organization, 1, url("/hang")));
        }
        dispatches.dispatch(pending("e", 1, url("/hang-e")));
        dispatches.dispatch(pending("a", 2, url("/hang")));
        dispatches.dispatch(pending("b", 1, url("/ok")));
        dispatches.retryBacklog();
        int waitingWhileFull = dispatches.waiting();

        hangE.countDown();
        WebhookResult e = results.poll(30, TimeUnit.SECONDS);
        dispatches.retryBacklog();
        WebhookResult b = results.poll(30, TimeUnit.SECONDS);

        assertThat(waitingWhileFull).isEqualTo(2);
        assertThat(e.getIdempotencyKey()).isEqualTo("e1");
        assertThat(b.getIdempotencyKey()).isEqualTo("b1");
        assertThat(dispatches.waiting()).isEqualTo(1);
        assertThat(dispatches.isWaiting("campaign-a")).isTrue();
        assertThat(dispatches.isWaiting("campaign-b")).isFalse();
    }

    @Test
    void shouldDropAWaitingPageThatIsNoLongerPendingInTheStore() throws Exception {
        WebhookDispatches dispatches = dispatches();
        dispatches.dispatch(pending("a", 1, url("/hang")));
        WebhookCall second = pending("a", 2, url("/hang-e")); // would hold a's only slot, had it been handed over
        dispatches.dispatch(second);
        store.remove(Keys.webhookPage(second.campaignId(), second.stepId(), second.page()));
        hang.countDown();
        results.poll(30, TimeUnit.SECONDS);

        dispatches.retryBacklog();

        assertThat(dispatches.waiting()).isZero();
        assertThat(dispatches.isWaiting("campaign-a")).isFalse();
        assertThat(dispatcher.admission("a")).isEqualTo(DispatchShares.Admission.ACCEPTED);
    }
}
