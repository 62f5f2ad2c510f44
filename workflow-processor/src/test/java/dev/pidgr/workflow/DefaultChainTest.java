package dev.pidgr.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.util.Timestamps;
import dev.pidgr.api.v1.DeliveryStatus;
import dev.pidgr.api.v1.StepType;
import dev.pidgr.api.v1.WorkflowDefinition;
import dev.pidgr.contract.EventHeaders;
import dev.pidgr.contract.Ids;
import dev.pidgr.events.v1.CampaignCommand;
import dev.pidgr.events.v1.DeliveryEvent;
import dev.pidgr.events.v1.PushRequest;
import dev.pidgr.events.v1.WebhookOutcome;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DefaultChainTest {

    private static final String CAMPAIGN = "c0000000-0000-4000-8000-000000000001";
    private final List<String> users = Campaigns.users(5);
    private WorkflowDriver driver;
    private WebhookServer server;

    @BeforeEach
    void setUp() {
        driver = new WorkflowDriver();
        server = WebhookServer.answering(200);
        driver.template(Campaigns.template("Hi **{{name}}**, please read the policy."));
    }

    @AfterEach
    void tearDown() {
        driver.close();
        server.close();
    }

    @Test
    void shouldWalkSendDeadlineReminderMissedWebhookToTheCompleteCommand() throws Exception {
        WorkflowDefinition workflow = Campaigns.defaultChain("1h", server.url("/hook"));
        driver.createAndStart(CAMPAIGN, workflow, users);
        driver.settle();
        driver.ack(CAMPAIGN, users.get(0));
        driver.receive(CAMPAIGN, users.get(1));

        driver.advance(Duration.ofHours(1));
        driver.settle();
        driver.pumpWebhookResults(1);

        assertThat(driver.events().stream()
                        .map(e -> e.getPayloadCase().name() + ":" + step(e))
                        .toList())
                .containsExactly(
                        "STEP_ENTERED:send",
                        "NOTIFICATION_SENT:send",
                        "NOTIFICATION_SENT:send",
                        "NOTIFICATION_SENT:send",
                        "NOTIFICATION_SENT:send",
                        "NOTIFICATION_SENT:send",
                        "STEP_COMPLETED:send",
                        "STEP_ENTERED:deadline",
                        "ACKNOWLEDGED:",
                        "RECEIVED:",
                        "STEP_COMPLETED:deadline",
                        "STEP_ENTERED:remind",
                        "REMINDER_SENT:remind",
                        "REMINDER_SENT:remind",
                        "REMINDER_SENT:remind",
                        "REMINDER_SENT:remind",
                        "STEP_COMPLETED:remind",
                        "STEP_ENTERED:missed",
                        "MISSED:missed",
                        "MISSED:missed",
                        "MISSED:missed",
                        "MISSED:missed",
                        "STEP_COMPLETED:missed",
                        "STEP_ENTERED:hook",
                        "WEBHOOK_PAGE_CALLED:hook",
                        "STEP_COMPLETED:hook",
                        "WORKFLOW_ENDED:");
        assertThat(driver.events().stream().map(DeliveryEvent::getVersion).toList())
                .isEqualTo(LongStream.rangeClosed(1, driver.events().size()).boxed().toList());
        assertThat(driver.events(DeliveryEvent.PayloadCase.STEP_COMPLETED)
                        .getLast()
                        .getStepCompleted()
                        .getNextStepId())
                .isEqualTo("end");
        assertThat(driver.events(DeliveryEvent.PayloadCase.WORKFLOW_ENDED)
                        .getFirst()
                        .getWorkflowEnded()
                        .getFailed())
                .isFalse();
    }

    @Test
    void shouldSendOneNotificationAndPushPerMemberWithDeterministicIds() {
        driver.createAndStart(CAMPAIGN, Campaigns.defaultChain("1h", server.url("/hook")), users);
        driver.settle();

        List<DeliveryEvent> sent = driver.events(DeliveryEvent.PayloadCase.NOTIFICATION_SENT);
        assertThat(sent).extracting(DeliveryEvent::getUserId).containsExactlyElementsOf(users);
        for (int i = 0; i < users.size(); i++) {
            String deliveryId = Ids.deliveryId(CAMPAIGN, users.get(i));
            DeliveryEvent event = sent.get(i);
            assertThat(event.getDeliveryId()).isEqualTo(deliveryId);
            assertThat(event.getActor()).isEqualTo("system:workflow");
            assertThat(event.getCauseId()).isEqualTo("send");
            assertThat(event.getOrganizationId()).isEqualTo(Campaigns.ORG);
            assertThat(event.getNotificationSent().getPushId()).isEqualTo(Ids.pushId(deliveryId, 0));
            assertThat(event.getNotificationSent().getMessage().getBody())
                    .isEqualTo("Hi **N" + users.get(i) + "**, please read the policy.");
            assertThat(event.getNotificationSent().getMessage().getSummary())
                    .isEqualTo("Hi N" + users.get(i) + ", please read the policy.");
            assertThat(event.getNotificationSent().getMessage().getTitle()).isEqualTo("Hello N" + users.get(i));
            assertThat(event.getNotificationSent().getMessage().getCreatedAt()).isEqualTo(event.getOccurredAt());
            PushRequest push = driver.pushes().get(i);
            assertThat(driver.pushRequests.get(i).key()).isEqualTo(users.get(i));
            assertThat(push.getPushId()).isEqualTo(Ids.pushId(deliveryId, 0));
            assertThat(push.getDeepLink()).isEqualTo("pidgr://inbox/" + deliveryId);
            assertThat(push.getTitle()).isEqualTo("Hello N" + users.get(i));
            assertThat(push.getSummary()).isEqualTo(event.getNotificationSent().getMessage().getSummary());
            assertThat(push.getReminder()).isFalse();
            assertThat(push.getReminderNumber()).isZero();
        }
        assertThat(driver.events
                        .getFirst()
                        .headers()
                        .lastHeader(EventHeaders.EVENT_TYPE)
                        .value())
                .asString()
                .isEqualTo("StepEntered");
        assertThat(driver.events.get(1).headers().lastHeader(EventHeaders.EVENT_ID).value()).asString()
                .isEqualTo(sent.getFirst().getEventId());
    }

    @Test
    void shouldRemindEveryoneNotAcknowledgedThenMarkThemMissed() {
        driver.createAndStart(CAMPAIGN, Campaigns.defaultChain("1h", server.url("/hook")), users);
        driver.settle();
        driver.ack(CAMPAIGN, users.get(0));
        driver.receive(CAMPAIGN, users.get(1));

        driver.advance(Duration.ofHours(1));
        driver.settle();

        List<DeliveryEvent> reminders = driver.events(DeliveryEvent.PayloadCase.REMINDER_SENT);
        assertThat(reminders).extracting(DeliveryEvent::getUserId).containsExactlyElementsOf(users.subList(1, 5));
        assertThat(reminders).allSatisfy(e -> assertThat(e.getReminderSent().getReminderCount()).isEqualTo(1));
        List<PushRequest> reminderPushes = driver.pushes().stream().filter(PushRequest::getReminder).toList();
        assertThat(reminderPushes)
                .extracting(PushRequest::getPushId)
                .containsExactlyElementsOf(users.subList(1, 5).stream()
                        .map(u -> Ids.pushId(Ids.deliveryId(CAMPAIGN, u), 1))
                        .toList());
        assertThat(reminderPushes).allSatisfy(p -> assertThat(p.getReminderNumber()).isEqualTo(1));
        List<DeliveryEvent> missed = driver.events(DeliveryEvent.PayloadCase.MISSED);
        assertThat(missed).extracting(DeliveryEvent::getUserId).containsExactlyElementsOf(users.subList(1, 5));
        assertThat(missed)
                .extracting(e -> e.getMissed().getPreviousStatus())
                .containsExactly(
                        DeliveryStatus.DELIVERY_STATUS_DELIVERED,
                        DeliveryStatus.DELIVERY_STATUS_SENT,
                        DeliveryStatus.DELIVERY_STATUS_SENT,
                        DeliveryStatus.DELIVERY_STATUS_SENT);
    }

    @Test
    void shouldPostTheSignedSummaryAndCompleteTheCampaign() throws Exception {
        driver.createAndStart(CAMPAIGN, Campaigns.defaultChain("1h", server.url("/hook")), users);
        driver.settle();
        driver.ack(CAMPAIGN, users.get(0));
        driver.read(CAMPAIGN, users.get(0));
        driver.advance(Duration.ofHours(1));
        driver.settle();

        driver.pumpWebhookResults(1);

        assertThat(server.requests).hasSize(1);
        WebhookServer.Received request = server.requests.getFirst();
        assertThat(request.header("X-Team")).isEqualTo("people");
        assertThat(request.header("Idempotency-Key")).isEqualTo(Ids.webhookIdempotencyKey(CAMPAIGN, "hook", 1));
        assertThat(request.header("X-Pidgr-Signature"))
                .isEqualTo(Signatures.expected(
                        WorkflowDriver.SECRET, request.header("X-Pidgr-Timestamp"), request.body()));
        JsonNode body = new ObjectMapper().readTree(request.body());
        assertThat(body.get("campaign_id").asText()).isEqualTo(CAMPAIGN);
        assertThat(body.get("campaign_name").asText()).isEqualTo("Policy update");
        assertThat(body.get("page").asInt()).isEqualTo(1);
        assertThat(body.get("page_count").asInt()).isEqualTo(1);
        assertThat(body.get("summary").toString())
                .isEqualTo(
                        "{\"total\":5,\"sent\":5,\"delivered\":0,\"read\":1,"
                                + "\"acknowledged\":1,\"missed\":4,\"failed\":0}");
        assertThat(body.get("deliveries")).hasSize(5);
        JsonNode first = body.get("deliveries").get(0);
        assertThat(first.get("delivery_id").asText()).isEqualTo(Ids.deliveryId(CAMPAIGN, users.get(0)));
        assertThat(first.get("status").asText()).isEqualTo("ACKNOWLEDGED");
        assertThat(first.get("sent_at").asText())
                .isEqualTo(Timestamps.toString(driver.events(DeliveryEvent.PayloadCase.NOTIFICATION_SENT)
                        .getFirst()
                        .getOccurredAt()));
        assertThat(first.get("acknowledged_at").asText()).isNotEmpty();
        assertThat(body.get("deliveries").get(1).get("status").asText()).isEqualTo("MISSED");
        assertThat(body.get("deliveries").get(1).has("read_at")).isFalse();

        DeliveryEvent called = driver.events(DeliveryEvent.PayloadCase.WEBHOOK_PAGE_CALLED).getFirst();
        assertThat(called.getWebhookPageCalled().getOutcome()).isEqualTo(WebhookOutcome.WEBHOOK_OUTCOME_SUCCEEDED);
        assertThat(called.getWebhookPageCalled().getAttempts()).isEqualTo(1);
        assertThat(called.getWebhookPageCalled().getLastStatusCode()).isEqualTo(200);
        assertThat(driver.commands()).singleElement().satisfies(command -> {
            assertThat(command.getPayloadCase()).isEqualTo(CampaignCommand.PayloadCase.COMPLETE_CAMPAIGN);
            assertThat(command.getCampaignId()).isEqualTo(CAMPAIGN);
            assertThat(command.getMetadata().getCommandId()).isEqualTo(Ids.uuid5("complete:" + CAMPAIGN));
            assertThat(command.getMetadata().getActor()).isEqualTo("system:workflow");
            assertThat(command.getMetadata().getOrganizationId()).isEqualTo(Campaigns.ORG);
            assertThat(command.getMetadata().hasDeadline()).isFalse();
        });
        assertThat(EventHeaders.read(driver.commandHeaders(0), EventHeaders.COMMAND_ID))
                .isEqualTo(Ids.uuid5("complete:" + CAMPAIGN));
    }

    @Test
    void shouldAnnounceTheDeadlineWakeUpWhenEnteringIt() {
        driver.createAndStart(CAMPAIGN, Campaigns.defaultChain("72h", server.url("/hook")), users);
        driver.settle();

        DeliveryEvent entered = driver.events(DeliveryEvent.PayloadCase.STEP_ENTERED).get(1);
        assertThat(entered.getStepEntered().getStepType()).isEqualTo(StepType.STEP_TYPE_DEADLINE_CHECK);
        assertThat(Timestamps.toMillis(entered.getStepEntered().getWakeUpAt())
                        - Timestamps.toMillis(entered.getOccurredAt()))
                .isEqualTo(Duration.ofHours(72).toMillis());
        driver.advance(Duration.ofHours(71));
        assertThat(driver.events(DeliveryEvent.PayloadCase.STEP_COMPLETED)).hasSize(1);
        driver.advance(Duration.ofHours(1));
        assertThat(driver.events(DeliveryEvent.PayloadCase.STEP_COMPLETED))
                .extracting(e -> e.getStepCompleted().getStepId())
                .containsExactly("send", "deadline");
    }

    private static String step(DeliveryEvent e) {
        return switch (e.getPayloadCase()) {
            case STEP_ENTERED -> e.getStepEntered().getStepId();
            case STEP_COMPLETED -> e.getStepCompleted().getStepId();
            case NOTIFICATION_SENT -> e.getNotificationSent().getStepId();
            case REMINDER_SENT -> e.getReminderSent().getStepId();
            case MISSED -> e.getMissed().getStepId();
            case WEBHOOK_PAGE_CALLED -> e.getWebhookPageCalled().getStepId();
            default -> "";
        };
    }
}
