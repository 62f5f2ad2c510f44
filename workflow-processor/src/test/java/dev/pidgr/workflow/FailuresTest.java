package dev.pidgr.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pidgr.contract.Ids;
import dev.pidgr.events.v1.CampaignCommand;
import dev.pidgr.events.v1.DeliveryEvent;
import dev.pidgr.events.v1.WebhookOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Unrecoverable errors, failed webhooks and unreadable input. */
class FailuresTest {

    private static final String CAMPAIGN = "c0000000-0000-4000-8000-000000000005";
    private final List<String> users = Campaigns.users(3);
    private WorkflowDriver driver;

    @BeforeEach
    void setUp() {
        driver = new WorkflowDriver();
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    @Test
    void shouldFailTheCampaignWhenThePinnedTemplateVersionIsStillMissingAfterTheGrace() {
        driver.createAndStart(CAMPAIGN, Campaigns.workflow(Campaigns.send("send", Map.of())), users);
        driver.settle();
        driver.advance(Duration.ofSeconds(29));
        assertThat(driver.events())
                .extracting(DeliveryEvent::getPayloadCase)
                .containsExactly(DeliveryEvent.PayloadCase.STEP_ENTERED);

        driver.advance(Duration.ofSeconds(1));
        driver.settle();

        assertThat(driver.events()).extracting(DeliveryEvent::getPayloadCase)
                .containsExactly(DeliveryEvent.PayloadCase.STEP_ENTERED, DeliveryEvent.PayloadCase.WORKFLOW_ENDED);
        DeliveryEvent ended = driver.events().getLast();
        assertThat(ended.getWorkflowEnded().getFailed()).isTrue();
        assertThat(ended.getWorkflowEnded().getReason())
                .isEqualTo("template " + Campaigns.TEMPLATE + " version 1 is missing");
        assertThat(driver.commands()).singleElement().satisfies(command -> {
            assertThat(command.getPayloadCase()).isEqualTo(CampaignCommand.PayloadCase.FAIL_CAMPAIGN);
            assertThat(command.getFailCampaign().getReason()).isEqualTo(ended.getWorkflowEnded().getReason());
            assertThat(command.getMetadata().getCommandId()).isEqualTo(Ids.uuid5("fail:" + CAMPAIGN));
        });
        assertThat(driver.pushes()).isEmpty();
    }

    @Test
    void shouldFailTheCampaignOfAStoredTemplateBeyondTheLimitsInsteadOfCrashing() {
        driver.template(Campaigns.template("{{#name}}".repeat(4000) + "x" + "{{/name}}".repeat(4000)));
        driver.createAndStart(CAMPAIGN, Campaigns.workflow(Campaigns.send("send", Map.of())), users);

        driver.settle();

        DeliveryEvent ended = driver.events().getLast();
        assertThat(ended.getWorkflowEnded().getFailed()).isTrue();
        assertThat(ended.getWorkflowEnded().getReason())
                .isEqualTo("template " + Campaigns.TEMPLATE + " version 1: body nests sections deeper than 10");
        assertThat(driver.commands()).singleElement().satisfies(command ->
                assertThat(command.getFailCampaign().getReason()).isEqualTo(ended.getWorkflowEnded().getReason()));
        assertThat(driver.pushes()).isEmpty();
    }

    @Test
    void shouldWaitForATemplateVersionThatArrivesJustAfterTheStart() {
        driver.createAndStart(CAMPAIGN, Campaigns.workflow(Campaigns.send("send", Map.of())), users);
        driver.settle();
        driver.advance(Duration.ofSeconds(5));

        driver.template(Campaigns.template("Late body"));
        driver.advance(Duration.ofMillis(250)); // the step looks again every 250 ms
        driver.settle();

        assertThat(driver.events(DeliveryEvent.PayloadCase.NOTIFICATION_SENT)).hasSize(3);
        assertThat(driver.events().getLast().getWorkflowEnded().getFailed()).isFalse();
    }

    @Test
    void shouldFollowCompletedWhenAFailedWebhookHasNoFailedTransition() throws Exception {
        driver.template(Campaigns.template("Body"));
        try (WebhookServer server = WebhookServer.answering(404)) {
            driver.createAndStart(CAMPAIGN, Campaigns.workflow(
                    Campaigns.send("send", Map.of("completed", "hook")),
                    Campaigns.webhook("hook", server.url("/hook"), Map.of("completed", "missed")),
                    Campaigns.missed("missed", Map.of())), users);
            driver.settle();

            driver.pumpWebhookResults(1);

            DeliveryEvent called = driver.events(DeliveryEvent.PayloadCase.WEBHOOK_PAGE_CALLED).getFirst();
            assertThat(called.getWebhookPageCalled().getOutcome()).isEqualTo(WebhookOutcome.WEBHOOK_OUTCOME_FAILED);
            assertThat(called.getWebhookPageCalled().getLastStatusCode()).isEqualTo(404);
            assertThat(called.getWebhookPageCalled().getAttempts()).isEqualTo(1);
            assertThat(driver.events(DeliveryEvent.PayloadCase.STEP_COMPLETED))
                    .extracting(e -> e.getStepCompleted().getStepId() + ":"
                            + e.getStepCompleted().getOutcome() + ">"
                            + e.getStepCompleted().getNextStepId())
                    .containsExactly("send:completed>hook", "hook:failed>missed", "missed:completed>end");
            assertThat(driver.commands()).extracting(CampaignCommand::getPayloadCase)
                    .containsExactly(CampaignCommand.PayloadCase.COMPLETE_CAMPAIGN);
        }
    }

    @Test
    void shouldParkAnUnreadableCampaignEventAndGoOn() {
        driver.template(Campaigns.template("Body"));
        byte[] garbage = "definitely not protobuf \u0000\u00ff".getBytes(StandardCharsets.ISO_8859_1);
        driver.rawCampaignEvents.pipeInput(CAMPAIGN, garbage);
        driver.rawCampaignEvents.pipeInput(CAMPAIGN, Campaigns.event(CAMPAIGN, 9).build().toByteArray());

        driver.createAndStart(CAMPAIGN, Campaigns.workflow(Campaigns.send("send", Map.of())), users);
        driver.settle();

        assertThat(driver.parked).hasSize(2);
        assertThat(driver.parked.get(0).value()).isEqualTo(garbage);
        assertThat(driver.parked.get(0).key()).isEqualTo(CAMPAIGN);
        assertThat(new String(
                        driver.parked.get(0).headers().lastHeader("pidgr-error").value()))
                .startsWith("unreadable");
        assertThat(new String(
                        driver.parked.get(1).headers().lastHeader("pidgr-error").value()))
                .isEqualTo("unknown payload");
        assertThat(new String(driver.parked.get(0).headers().lastHeader("pidgr-error-source").value()))
                .isEqualTo(driver.topics.campaignEvents().name() + "/0@0");
        assertThat(driver.events(DeliveryEvent.PayloadCase.NOTIFICATION_SENT)).hasSize(3);
    }
}
