package dev.pidgr.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pidgr.contract.Ids;
import dev.pidgr.events.v1.DeliveryEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class WebhookPagingTest {

    private static final String CAMPAIGN = "c0000000-0000-4000-8000-000000000006";

    @Test
    void shouldSendACampaignOf2500InThreePagesWithTheSameSummary() throws Exception {
        List<String> users = Campaigns.users(2500);
        WorkflowSettings settings = WorkflowSettings.defaults()
                .withWebhookSecret(WorkflowDriver.SECRET)
                .withBatches(1000, 1 << 20)
                .withAllowInsecureWebhooks(true)
                .withWebhookTiming(Duration.ofSeconds(5), Duration.ofMillis(20), Duration.ofMillis(100), 3);
        try (WorkflowDriver driver = new WorkflowDriver(settings);
                WebhookServer server = WebhookServer.answering(200)) {
            driver.template(Campaigns.template("Body {{name}}"));
            driver.createAndStart(CAMPAIGN, Campaigns.workflow(
                    Campaigns.send("send", Map.of("completed", "wait")),
                    Campaigns.deadline("wait", "1m", Map.of("completed", "hook")),
                    Campaigns.webhook("hook", server.url("/hook"), Map.of())), users);
            driver.settle();
            driver.ack(CAMPAIGN, users.get(1500));
            driver.advance(Duration.ofMinutes(1));

            driver.pumpWebhookResults(3);

            ObjectMapper json = new ObjectMapper();
            List<JsonNode> bodies = new ArrayList<>();
            for (WebhookServer.Received request : server.requests) {
                bodies.add(json.readTree(request.body()));
            }
            bodies.sort(Comparator.comparingInt(b -> b.get("page").asInt()));
            assertThat(bodies).extracting(b -> b.get("page").asInt()).containsExactly(1, 2, 3);
            assertThat(bodies).allSatisfy(b -> assertThat(b.get("page_count").asInt()).isEqualTo(3));
            assertThat(bodies).extracting(b -> b.get("deliveries").size()).containsExactly(1000, 1000, 500);
            assertThat(bodies)
                    .extracting(b -> b.get("summary").toString())
                    .containsOnly(
                            "{\"total\":2500,\"sent\":2500,\"delivered\":0,\"read\":0,"
                                    + "\"acknowledged\":1,\"missed\":0,\"failed\":0}");
            assertThat(bodies.get(1).get("deliveries").get(500).get("user_id").asText()).isEqualTo(users.get(1500));
            assertThat(bodies.get(1).get("deliveries").get(500).get("status").asText()).isEqualTo("ACKNOWLEDGED");
            assertThat(bodies.get(2).get("deliveries").get(499).get("user_id").asText()).isEqualTo(users.get(2499));
            assertThat(server.requests).extracting(r -> r.header("Idempotency-Key")).containsExactlyInAnyOrder(
                    Ids.webhookIdempotencyKey(CAMPAIGN, "hook", 1), Ids.webhookIdempotencyKey(CAMPAIGN, "hook", 2),
                    Ids.webhookIdempotencyKey(CAMPAIGN, "hook", 3));
            assertThat(driver.events(DeliveryEvent.PayloadCase.WEBHOOK_PAGE_CALLED))
                    .extracting(e -> e.getWebhookPageCalled().getPage())
                    .containsExactlyInAnyOrder(1, 2, 3);
            assertThat(driver.events().getLast().getPayloadCase()).isEqualTo(DeliveryEvent.PayloadCase.WORKFLOW_ENDED);
        }
    }

    @Test
    void shouldBuildTheNextPageOnlyOnceTheDispatcherTookThePreviousOne() throws Exception {
        List<String> users = Campaigns.users(2500);
        WorkflowSettings settings = WorkflowSettings.defaults()
                .withWebhookSecret(WorkflowDriver.SECRET)
                .withBatches(1000, 1 << 20)
                .withAllowInsecureWebhooks(true)
                .withDispatcher(1, 0)
                .withWebhookTiming(Duration.ofSeconds(60), Duration.ofMillis(20), Duration.ofMillis(100), 1);
        CountDownLatch firstPageAnswers = new CountDownLatch(1);
        try (WorkflowDriver driver = new WorkflowDriver(settings); WebhookServer server = new WebhookServer(n -> {
            if (n == 1) {
                await(firstPageAnswers);
            }
            return WebhookServer.Answer.status(200);
        })) {
            driver.template(Campaigns.template("Body {{name}}"));
            driver.createAndStart(CAMPAIGN, Campaigns.workflow(
                    Campaigns.send("send", Map.of("completed", "wait")),
                    Campaigns.deadline("wait", "1m", Map.of("completed", "hook")),
                    Campaigns.webhook("hook", server.url("/hook"), Map.of())), users);
            driver.settle();
            driver.advance(Duration.ofMinutes(1));
            driver.settle();
            driver.advance(Duration.ofSeconds(5));
            driver.settle();

            long storedWhileTheFirstHangs = driver.storedWebhookPages();
            firstPageAnswers.countDown();
            driver.pumpWebhookResults(3);

            assertThat(storedWhileTheFirstHangs).isEqualTo(2); // page 1 in flight, page 2 waiting, page 3 not built yet
            assertThat(server.requests).extracting(r -> r.header("Idempotency-Key")).containsExactly(
                    Ids.webhookIdempotencyKey(CAMPAIGN, "hook", 1), Ids.webhookIdempotencyKey(CAMPAIGN, "hook", 2),
                    Ids.webhookIdempotencyKey(CAMPAIGN, "hook", 3));
            assertThat(driver.storedWebhookPages()).isZero();
            assertThat(driver.events().getLast().getPayloadCase()).isEqualTo(DeliveryEvent.PayloadCase.WORKFLOW_ENDED);
        } finally {
            firstPageAnswers.countDown();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
