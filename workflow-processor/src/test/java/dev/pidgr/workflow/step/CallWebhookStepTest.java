package dev.pidgr.workflow.step;

import static dev.pidgr.workflow.step.StepFixture.CAMPAIGN;
import static dev.pidgr.workflow.step.StepFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pidgr.contract.Ids;
import dev.pidgr.events.v1.DeliveryEvent.PayloadCase;
import dev.pidgr.events.v1.WebhookOutcome;
import dev.pidgr.events.v1.WebhookResult;
import dev.pidgr.workflow.Campaigns;
import dev.pidgr.workflow.run.Effect;
import dev.pidgr.workflow.state.WebhookPage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CALL_WEBHOOK: pages frozen one per wake-up and handed over; the outcome once every page has its result. */
class CallWebhookStepTest {

    private static final String URL = "https://hooks.example.com/pidgr";
    private final List<String> users = Campaigns.users(3);

    @Test
    void shouldFreezeThePageWithItsSummaryRowsAndKeyAndHandItOver() throws Exception {
        StepFixture walk = StepFixture.given(Campaigns.webhook("hook", URL, Map.of())).audience(users)
                .sentToAll("send", T0).acknowledged(users.get(1)).whenEntered("hook", T0 + 1);
        walk.thenEmitted(PayloadCase.STEP_ENTERED).thenWakesAt(T0 + 1);

        walk.whenWoken(T0 + 1);

        walk.thenEmitted().thenWakesAt(0);
        Effect.SendPage sent = walk.effects(Effect.SendPage.class).getFirst();
        WebhookPage page = sent.page();
        assertThat(page.getStepId()).isEqualTo("hook");
        assertThat(page.getPage()).isEqualTo(1);
        assertThat(page.getPageCount()).isEqualTo(1);
        assertThat(page.getIdempotencyKey()).isEqualTo(Ids.webhookIdempotencyKey(CAMPAIGN, "hook", 1));
        assertThat(sent.config().getUrl()).isEqualTo(URL);
        JsonNode body = new ObjectMapper().readTree(page.getBody().toByteArray());
        assertThat(body.get("campaign_id").asText()).isEqualTo(CAMPAIGN);
        assertThat(body.get("summary").get("total").asInt()).isEqualTo(3);
        assertThat(body.get("summary").get("acknowledged").asInt()).isEqualTo(1);
        assertThat(body.get("deliveries").findValuesAsText("user_id")).containsExactlyElementsOf(users);
        assertThat(body.get("deliveries").findValuesAsText("delivery_id"))
                .containsExactly(Ids.deliveryId(CAMPAIGN, users.get(0)), Ids.deliveryId(CAMPAIGN, users.get(1)),
                        Ids.deliveryId(CAMPAIGN, users.get(2)));
    }

    @Test
    void shouldBuildOnePageOfAThousandPerWakeUp() {
        List<String> many = Campaigns.users(1001);
        StepFixture walk = StepFixture.given(Campaigns.webhook("hook", URL, Map.of())).audience(many)
                .sentToAll("send", T0).whenEntered("hook", T0);

        walk.whenWoken(T0);
        assertThat(walk.effects(Effect.SendPage.class)).extracting(s -> s.page().getPage()).containsExactly(1);
        walk.thenWakesAt(T0).whenWoken(T0);

        assertThat(walk.effects(Effect.SendPage.class)).extracting(s -> s.page().getPage() + "/"
                + s.page().getPageCount()).containsExactly("2/2");
        assertThat(walk.run().cursor().getStep().getScanAfter()).isEqualTo(many.getLast());
        walk.thenWakesAt(0);
    }

    @Test
    void shouldLookAgainLaterWhileAPageOfTheCampaignWaitsForTheDispatcher() {
        StepFixture walk = StepFixture.given(Campaigns.webhook("hook", URL, Map.of())).audience(users)
                .sentToAll("send", T0).pageWaiting(true).whenEntered("hook", T0);

        walk.whenWoken(T0);

        assertThat(walk.effects(Effect.SendPage.class)).isEmpty();
        walk.thenWakesAt(T0 + CallWebhookStep.PAGE_WAIT_MILLIS);
        walk.pageWaiting(false).whenWoken(T0 + CallWebhookStep.PAGE_WAIT_MILLIS);
        assertThat(walk.effects(Effect.SendPage.class)).hasSize(1);
    }

    @Test
    void shouldRecordEachPagesResultAndCompleteOnceEveryPageSucceeded() {
        StepFixture walk = StepFixture.given(Campaigns.webhook("hook", URL, Map.of())).audience(Campaigns.users(1001))
                .sentToAll("send", T0).whenEntered("hook", T0).settledAt(T0);

        walk.whenWebhookResult(2, WebhookOutcome.WEBHOOK_OUTCOME_SUCCEEDED, T0 + 50);
        walk.thenEmitted(PayloadCase.WEBHOOK_PAGE_CALLED);
        assertThat(walk.effects(Effect.DropPage.class)).extracting(Effect.DropPage::page).containsExactly(2);
        walk.whenWebhookResult(1, WebhookOutcome.WEBHOOK_OUTCOME_SUCCEEDED, T0 + 60);

        walk.thenEmitted(PayloadCase.WEBHOOK_PAGE_CALLED, PayloadCase.STEP_COMPLETED, PayloadCase.WORKFLOW_ENDED);
        assertThat(walk.effects(Effect.StopCalls.class)).hasSize(1);
        assertThat(walk.events(PayloadCase.WEBHOOK_PAGE_CALLED)).extracting(e -> e.getWebhookPageCalled().getPage()
                + "/" + e.getWebhookPageCalled().getPageCount() + " " + e.getWebhookPageCalled().getLastStatusCode())
                .containsExactly("2/2 200", "1/2 200");
        assertThat(walk.events(PayloadCase.STEP_COMPLETED).getFirst().getStepCompleted().getOutcome())
                .isEqualTo("completed");
        assertThat(walk.commands()).singleElement().satisfies(c -> assertThat(c.hasCompleteCampaign()).isTrue());
    }

    @Test
    void shouldFollowFailedWhenAPageFailedFinally() {
        StepFixture walk = StepFixture.given(
                        Campaigns.webhook("hook", URL, Map.of("completed", "end", "failed", "missed")),
                        Campaigns.missed("missed", Map.of()))
                .audience(users).sentToAll("send", T0).whenEntered("hook", T0).settledAt(T0);

        walk.whenWebhookResult(1, WebhookOutcome.WEBHOOK_OUTCOME_FAILED, T0 + 50);

        walk.thenEmitted(PayloadCase.WEBHOOK_PAGE_CALLED, PayloadCase.STEP_COMPLETED, PayloadCase.STEP_ENTERED);
        assertThat(walk.events(PayloadCase.STEP_COMPLETED).getFirst().getStepCompleted()).satisfies(c -> {
            assertThat(c.getOutcome()).isEqualTo("failed");
            assertThat(c.getNextStepId()).isEqualTo("missed");
        });
    }

    @Test
    void shouldIgnoreACancelledResultAndAResultForAnotherKey() {
        StepFixture walk = StepFixture.given(Campaigns.webhook("hook", URL, Map.of())).audience(users)
                .sentToAll("send", T0).whenEntered("hook", T0).settledAt(T0);

        walk.whenWebhookResult(1, WebhookOutcome.WEBHOOK_OUTCOME_CANCELLED, T0 + 50);
        walk.thenEmitted();
        walk.whenWebhookResult(
                WebhookResult.newBuilder()
                        .setCampaignId(CAMPAIGN)
                        .setStepId("hook")
                        .setPage(1)
                        .setOutcome(WebhookOutcome.WEBHOOK_OUTCOME_SUCCEEDED)
                        .setIdempotencyKey("another key")
                        .build(),
                T0 + 60);

        walk.thenEmitted();
        assertThat(walk.decision().effects()).isEmpty();
        assertThat(walk.stores.pages).containsOnlyKeys("hook/1");
    }
}
