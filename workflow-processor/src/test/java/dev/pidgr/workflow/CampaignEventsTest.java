package dev.pidgr.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pidgr.api.v1.WorkflowDefinition;
import dev.pidgr.events.v1.CampaignEvent;
import dev.pidgr.events.v1.CampaignUpdated;
import dev.pidgr.events.v1.DeliveryEvent;
import dev.pidgr.events.v1.WebhookOutcome;
import dev.pidgr.events.v1.WebhookResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How campaign events become runs: updates before the start, replays, unknown campaigns, stray results. */
class CampaignEventsTest {

    private static final String CAMPAIGN = "c0000000-0000-4000-8000-000000000009";
    private final List<String> users = Campaigns.users(2);
    private WorkflowDriver driver;

    @BeforeEach
    void setUp() {
        driver = new WorkflowDriver();
        driver.template(Campaigns.template("Body for {{name}}"));
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    @Test
    void shouldStartWithWhatTheLastUpdateSaid() {
        WorkflowDefinition original = Campaigns.workflow(Campaigns.send("send", Map.of("completed", "missed")),
                Campaigns.missed("missed", Map.of()));
        WorkflowDefinition updated = Campaigns.workflow(Campaigns.send("notify", Map.of()));
        List<CampaignEvent> created = Campaigns.created(CAMPAIGN, original, users, 10);
        created.forEach(driver::campaign);
        driver.campaign(Campaigns.event(CAMPAIGN, 3).setUpdated(CampaignUpdated.newBuilder().setName("Renamed")
                .setSenderName("Security").setTitle("Read this now").setWorkflow(updated)).build());

        driver.campaign(Campaigns.started(CAMPAIGN, 4, updated, driver.now()));
        driver.settle();

        assertThat(driver.events(DeliveryEvent.PayloadCase.STEP_ENTERED))
                .extracting(e -> e.getStepEntered().getStepId())
                .containsExactly("notify");
        assertThat(driver.events(DeliveryEvent.PayloadCase.NOTIFICATION_SENT)).allSatisfy(e -> {
            assertThat(e.getNotificationSent().getMessage().getTitle()).isEqualTo("Read this now");
            assertThat(e.getNotificationSent().getMessage().getSenderName()).isEqualTo("Security");
        });
        assertThat(driver.pushes()).extracting(p -> p.getTitle()).containsOnly("Read this now");
    }

    @Test
    void shouldApplyAReplayedStartOnlyOnce() {
        WorkflowDefinition workflow = Campaigns.workflow(Campaigns.send("send", Map.of()));
        List<CampaignEvent> created = Campaigns.created(CAMPAIGN, workflow, users, 10);
        created.forEach(driver::campaign);
        CampaignEvent started = Campaigns.started(CAMPAIGN, 3, workflow, driver.now());
        driver.campaign(started);
        driver.settle();

        created.forEach(driver::campaign);
        driver.campaign(started);
        driver.settle();

        assertThat(driver.events(DeliveryEvent.PayloadCase.NOTIFICATION_SENT)).hasSize(2);
        assertThat(driver.events(DeliveryEvent.PayloadCase.WORKFLOW_ENDED)).hasSize(1);
        assertThat(driver.commands()).hasSize(1);
    }

    @Test
    void shouldIgnoreEventsOfACampaignNeverCreated() {
        driver.campaign(
                Campaigns.started(CAMPAIGN, 3, Campaigns.workflow(Campaigns.send("send", Map.of())), driver.now()));
        driver.settle();

        assertThat(driver.events()).isEmpty();
        assertThat(driver.parked).isEmpty();
    }

    @Test
    void shouldIgnoreAWebhookResultThatMatchesNoPendingPage() {
        driver.createAndStart(CAMPAIGN, Campaigns.workflow(Campaigns.send("send", Map.of("completed", "hook")),
                Campaigns.webhook("hook", "http://127.0.0.1:9/never", Map.of())), users);
        driver.settle();
        int before = driver.events().size();

        driver.pipeWebhookResult(WebhookResult.newBuilder()
                .setCampaignId(CAMPAIGN)
                .setStepId("hook")
                .setPage(1)
                .setOutcome(WebhookOutcome.WEBHOOK_OUTCOME_SUCCEEDED)
                .setAttempts(1)
                .setIdempotencyKey("forged")
                .build());
        driver.pipeWebhookResult(WebhookResult.newBuilder().setCampaignId(CAMPAIGN).setStepId("other").setPage(1)
                .setOutcome(WebhookOutcome.WEBHOOK_OUTCOME_SUCCEEDED).build());

        assertThat(driver.events()).hasSize(before);
        assertThat(driver.commands()).isEmpty();
    }
}
