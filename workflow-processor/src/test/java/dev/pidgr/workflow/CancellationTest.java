package dev.pidgr.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pidgr.events.v1.DeliveryEvent;
import dev.pidgr.events.v1.WebhookOutcome;
import dev.pidgr.events.v1.WebhookResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** After CampaignCancelled nothing runs and nothing is emitted but recipients' interactions. */
class CancellationTest {

    private static final String CAMPAIGN = "c0000000-0000-4000-8000-000000000004";
    private final List<String> users = Campaigns.users(7);
    private WorkflowDriver driver;

    @BeforeEach
    void setUp() {
        driver = new WorkflowDriver();
        driver.template(Campaigns.template("Body"));
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    @Test
    void shouldStopAFanOutInProgress() {
        long next = driver.createAndStart(CAMPAIGN, Campaigns.defaultChain("1h", "http://127.0.0.1:9/hook"), users);
        driver.tick(1);
        assertThat(driver.events(DeliveryEvent.PayloadCase.NOTIFICATION_SENT)).hasSize(2);

        driver.campaign(Campaigns.cancelled(CAMPAIGN, next, driver.now()));
        int before = driver.events().size();
        driver.settle();
        driver.advance(Duration.ofHours(2));
        driver.settle();

        assertThat(driver.events()).hasSize(before);
        assertThat(driver.pushes()).hasSize(2);
        assertThat(driver.commands()).isEmpty();
    }

    @Test
    void shouldDropAPendingDeadline() {
        long next = driver.createAndStart(CAMPAIGN, Campaigns.defaultChain("1h", "http://127.0.0.1:9/hook"), users);
        driver.settle();

        driver.campaign(Campaigns.cancelled(CAMPAIGN, next, driver.now()));
        int before = driver.events().size();
        driver.advance(Duration.ofHours(2));
        driver.settle();

        assertThat(driver.events()).hasSize(before);
        assertThat(driver.events().getLast().getPayloadCase()).isEqualTo(DeliveryEvent.PayloadCase.STEP_ENTERED);
        assertThat(driver.commands()).isEmpty();
    }

    @Test
    void shouldStopRepeatingReminders() {
        long next = driver.createAndStart(CAMPAIGN, Campaigns.workflow(
                Campaigns.send("send", Map.of("completed", "remind")),
                Campaigns.reminder("remind", "PT1H", "PT5H", Map.of())), users);
        driver.settle();
        assertThat(driver.events(DeliveryEvent.PayloadCase.REMINDER_SENT)).hasSize(7);

        driver.campaign(Campaigns.cancelled(CAMPAIGN, next, driver.now()));
        int events = driver.events().size();
        int pushes = driver.pushes().size();
        driver.advance(Duration.ofHours(1));
        driver.settle();
        driver.advance(Duration.ofHours(5));
        driver.settle();

        assertThat(driver.events()).hasSize(events);
        assertThat(driver.pushes()).hasSize(pushes);
    }

    @Test
    void shouldStopMidReminderRound() {
        long next = driver.createAndStart(CAMPAIGN, Campaigns.workflow(
                Campaigns.send("send", Map.of("completed", "wait")),
                Campaigns.deadline("wait", "1m", Map.of("completed", "remind")),
                Campaigns.reminder("remind", "", "", Map.of())), users);
        driver.settle();
        driver.advance(Duration.ofMinutes(1));
        driver.tick(1);
        int reminded = driver.events(DeliveryEvent.PayloadCase.REMINDER_SENT).size();
        assertThat(reminded).isBetween(1, 6);

        driver.campaign(Campaigns.cancelled(CAMPAIGN, next, driver.now()));
        driver.settle();

        assertThat(driver.events(DeliveryEvent.PayloadCase.REMINDER_SENT)).hasSize(reminded);
        assertThat(driver.commands()).isEmpty();
    }

    @Test
    void shouldNotCallAPendingWebhookAndEmitNothingForIt() throws Exception {
        try (WebhookServer server = new WebhookServer(n -> WebhookServer.Answer.status(503))) {
            long next = driver.createAndStart(CAMPAIGN, Campaigns.workflow(
                    Campaigns.send("send", Map.of("completed", "hook")),
                    Campaigns.webhook("hook", server.url("/hook"), Map.of())), users);
            driver.settle();
            server.awaitRequests(1, Duration.ofSeconds(10));

            driver.campaign(Campaigns.cancelled(CAMPAIGN, next, driver.now()));
            WebhookResult result = driver.webhookResults.poll(10, TimeUnit.SECONDS);
            int before = driver.events().size();
            int calls = server.requests.size();
            driver.pipeWebhookResult(result);
            driver.settle();
            // CANCELLED is the page's last act: the dispatcher reports it instead of an attempt and schedules none

            assertThat(result.getOutcome()).isEqualTo(WebhookOutcome.WEBHOOK_OUTCOME_CANCELLED);
            assertThat(server.requests).hasSize(calls);
            assertThat(driver.events()).hasSize(before);
            assertThat(driver.events(DeliveryEvent.PayloadCase.WEBHOOK_PAGE_CALLED)).isEmpty();
            assertThat(driver.commands()).isEmpty();
        }
    }

    @Test
    void shouldStillRecordInteractionsAfterCancelButTriggerNothing() {
        long next = driver.createAndStart(CAMPAIGN, Campaigns.workflow(
                Campaigns.send("send", Map.of("completed", "wait")),
                Campaigns.deadline("wait", "1h", Map.of("all_acknowledged", "end", "completed", "end"))), users);
        driver.settle();
        driver.campaign(Campaigns.cancelled(CAMPAIGN, next, driver.now()));
        int before = driver.events().size();

        driver.receive(CAMPAIGN, users.get(0));
        driver.read(CAMPAIGN, users.get(0));
        users.forEach(u -> driver.ack(CAMPAIGN, u));
        driver.settle();

        List<DeliveryEvent> after = driver.events().subList(before, driver.events().size());
        assertThat(after).extracting(DeliveryEvent::getPayloadCase).containsOnly(DeliveryEvent.PayloadCase.RECEIVED,
                DeliveryEvent.PayloadCase.READ, DeliveryEvent.PayloadCase.ACKNOWLEDGED);
        assertThat(after).hasSize(2 + users.size());
        assertThat(driver.events(DeliveryEvent.PayloadCase.ACKNOWLEDGED))
                .allSatisfy(e -> assertThat(e.getAcknowledged().getAfterEnd()).isTrue());
        assertThat(driver.commands()).isEmpty();
    }
}
