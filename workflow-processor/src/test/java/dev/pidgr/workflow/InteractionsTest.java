package dev.pidgr.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pidgr.api.v1.DeliveryStatus;
import dev.pidgr.events.v1.ActionSubmitted;
import dev.pidgr.events.v1.DeliveryEvent;
import dev.pidgr.events.v1.DeliveryInteraction;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Recipients' interactions: first time wins, published as delivery events. */
class InteractionsTest {

    private static final String CAMPAIGN = "c0000000-0000-4000-8000-000000000003";
    private final List<String> users = Campaigns.users(4);
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

    private void sendThenWait() {
        driver.createAndStart(CAMPAIGN, Campaigns.workflow(
                Campaigns.send("send", Map.of("completed", "wait")),
                Campaigns.deadline("wait", "24h", Map.of("completed", "missed")),
                Campaigns.missed("missed", Map.of())), users);
        driver.settle();
    }

    @Test
    void shouldRecordReceivedReadAndAcknowledgedOnceEach() {
        sendThenWait();
        String user = users.get(1);

        driver.receive(CAMPAIGN, user);
        driver.receive(CAMPAIGN, user);
        driver.read(CAMPAIGN, user);
        driver.read(CAMPAIGN, user);
        driver.ack(CAMPAIGN, user);
        driver.ack(CAMPAIGN, user);
        driver.receive(CAMPAIGN, user);

        List<DeliveryEvent> mine = driver.events().stream().filter(e -> e.getUserId().equals(user)).toList();
        assertThat(mine)
                .extracting(DeliveryEvent::getPayloadCase)
                .containsExactly(
                        DeliveryEvent.PayloadCase.NOTIFICATION_SENT,
                        DeliveryEvent.PayloadCase.RECEIVED,
                        DeliveryEvent.PayloadCase.READ,
                        DeliveryEvent.PayloadCase.ACKNOWLEDGED);
        assertThat(mine.get(1).getReceived().getPreviousStatus()).isEqualTo(DeliveryStatus.DELIVERY_STATUS_SENT);
        assertThat(mine.get(3).getAcknowledged().getPreviousStatus())
                .isEqualTo(DeliveryStatus.DELIVERY_STATUS_DELIVERED);
        assertThat(mine.get(3).getAcknowledged().getActionId()).isEqualTo("ack");
        assertThat(mine.get(3).getAcknowledged().getAfterEnd()).isFalse();
        assertThat(mine.get(3).getActor()).isEqualTo(user);
        assertThat(mine.get(3).getCauseId()).isNotEmpty().isNotEqualTo("wait");
    }

    @Test
    void shouldAcknowledgeStraightFromSentWithoutAReceivedEvent() {
        sendThenWait();

        driver.ack(CAMPAIGN, users.get(0));
        driver.receive(CAMPAIGN, users.get(0));

        List<DeliveryEvent> mine = driver.events().stream().filter(e -> e.getUserId().equals(users.get(0))).toList();
        assertThat(mine).extracting(DeliveryEvent::getPayloadCase)
                .containsExactly(DeliveryEvent.PayloadCase.NOTIFICATION_SENT, DeliveryEvent.PayloadCase.ACKNOWLEDGED);
        assertThat(mine.get(1).getAcknowledged().getPreviousStatus()).isEqualTo(DeliveryStatus.DELIVERY_STATUS_SENT);
    }

    @Test
    void shouldIgnoreInteractionsForDeliveriesThatDoNotExist() {
        sendThenWait();
        int before = driver.events().size();

        driver.ack(CAMPAIGN, "not-a-member");
        driver.ack("c0000000-0000-4000-8000-0000000000ff", users.get(0));
        driver.interact(CAMPAIGN, users.get(0), DeliveryInteraction.newBuilder()
                .setActionSubmitted(ActionSubmitted.newBuilder().setActionId("unknown-action")));

        assertThat(driver.events()).hasSize(before);
    }

    @Test
    void shouldIgnoreInteractionsForMembersTheFanOutHasNotReachedYet() {
        driver.createAndStart(CAMPAIGN, Campaigns.workflow(Campaigns.send("send", Map.of())), users);
        driver.tick(1); // one batch of two

        driver.ack(CAMPAIGN, users.get(3));
        driver.ack(CAMPAIGN, users.get(1));

        assertThat(driver.events(DeliveryEvent.PayloadCase.ACKNOWLEDGED)).extracting(DeliveryEvent::getUserId)
                .containsExactly(users.get(1));
    }

    @Test
    void shouldRecordALateAcknowledgementAfterMissedAndAfterTheEnd() {
        driver.createAndStart(CAMPAIGN, Campaigns.workflow(
                Campaigns.send("send", Map.of("completed", "missed")),
                Campaigns.missed("missed", Map.of())), users);
        driver.settle();
        assertThat(driver.events().getLast().getPayloadCase()).isEqualTo(DeliveryEvent.PayloadCase.WORKFLOW_ENDED);

        driver.ack(CAMPAIGN, users.get(2));
        driver.ack(CAMPAIGN, users.get(2));

        DeliveryEvent late = driver.events().getLast();
        assertThat(late.getPayloadCase()).isEqualTo(DeliveryEvent.PayloadCase.ACKNOWLEDGED);
        assertThat(late.getUserId()).isEqualTo(users.get(2));
        assertThat(late.getAcknowledged().getPreviousStatus()).isEqualTo(DeliveryStatus.DELIVERY_STATUS_MISSED);
        assertThat(late.getAcknowledged().getAfterEnd()).isTrue();
        assertThat(driver.events(DeliveryEvent.PayloadCase.ACKNOWLEDGED)).hasSize(1);
        assertThat(late.getVersion()).isEqualTo(driver.events().get(driver.events().size() - 2).getVersion() + 1);
        assertThat(driver.commands()).hasSize(1);
    }
}
