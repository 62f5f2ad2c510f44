package dev.pidgr.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pidgr.api.v1.WorkflowDefinition;
import dev.pidgr.contract.Ids;
import dev.pidgr.events.v1.DeliveryEvent;
import dev.pidgr.events.v1.PushRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** DEADLINE_CHECK's early exit and SEND_REMINDER's repetition, driven by the wall clock. */
class WaitingStepsTest {

    private static final String CAMPAIGN = "c0000000-0000-4000-8000-000000000002";
    private final List<String> users = Campaigns.users(3);
    private WorkflowDriver driver;

    @BeforeEach
    void setUp() {
        driver = new WorkflowDriver();
        driver.template(Campaigns.template("Read it, {{name}}."));
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    @Test
    void shouldTakeAllAcknowledgedAtOnceWhenEveryoneAcknowledgedMidWait() {
        driver.createAndStart(CAMPAIGN, Campaigns.workflow(
                Campaigns.send("send", Map.of("completed", "wait")),
                Campaigns.deadline("wait", "72h", Map.of("all_acknowledged", "end", "completed", "missed")),
                Campaigns.missed("missed", Map.of())), users);
        driver.settle();
        driver.ack(CAMPAIGN, users.get(0));
        driver.ack(CAMPAIGN, users.get(1));
        assertThat(driver.events(DeliveryEvent.PayloadCase.STEP_COMPLETED)).hasSize(1);

        driver.ack(CAMPAIGN, users.get(2));

        assertThat(driver.events(DeliveryEvent.PayloadCase.STEP_COMPLETED).getLast().getStepCompleted())
                .satisfies(c -> {
                    assertThat(c.getStepId()).isEqualTo("wait");
                    assertThat(c.getOutcome()).isEqualTo("all_acknowledged");
                    assertThat(c.getNextStepId()).isEqualTo("end");
                });
        assertThat(driver.events().getLast().getPayloadCase()).isEqualTo(DeliveryEvent.PayloadCase.WORKFLOW_ENDED);
        assertThat(driver.commands()).hasSize(1);
        int before = driver.events().size();
        driver.advance(Duration.ofHours(73));
        driver.settle();
        assertThat(driver.events()).hasSize(before);
        assertThat(driver.commands()).hasSize(1);
    }

    @Test
    void shouldTakeAllAcknowledgedOnEntryWhenEveryoneAcknowledgedBefore() {
        driver.createAndStart(CAMPAIGN, Campaigns.workflow(
                Campaigns.send("send", Map.of("completed", "first")),
                Campaigns.deadline("first", "1h", Map.of("completed", "second")),
                Campaigns.deadline("second", "24h", Map.of("all_acknowledged", "end", "completed", "missed")),
                Campaigns.missed("missed", Map.of())), users);
        driver.settle();
        users.forEach(u -> driver.ack(CAMPAIGN, u));
        assertThat(driver.events(DeliveryEvent.PayloadCase.STEP_COMPLETED))
                .hasSize(1); // "first" has no all_acknowledged

        driver.advance(Duration.ofHours(1));

        assertThat(driver.events(DeliveryEvent.PayloadCase.STEP_COMPLETED))
                .extracting(e -> e.getStepCompleted().getStepId() + ":"
                        + e.getStepCompleted().getOutcome())
                .containsExactly("send:completed", "first:completed", "second:all_acknowledged");
        assertThat(driver.events(DeliveryEvent.PayloadCase.STEP_ENTERED)
                        .getLast()
                        .getStepEntered()
                        .hasWakeUpAt())
                .isFalse();
        assertThat(driver.events(DeliveryEvent.PayloadCase.MISSED)).isEmpty();
        assertThat(driver.commands()).hasSize(1);
    }

    @Test
    void shouldYieldCompletedAtTheDeadlineWhenNotEveryoneAcknowledged() {
        driver.createAndStart(CAMPAIGN, Campaigns.workflow(
                Campaigns.send("send", Map.of("completed", "wait")),
                Campaigns.deadline("wait", "90m", Map.of("all_acknowledged", "end", "completed", "missed")),
                Campaigns.missed("missed", Map.of())), users);
        driver.settle();
        driver.ack(CAMPAIGN, users.get(0));

        driver.advance(Duration.ofMinutes(89));
        assertThat(driver.events(DeliveryEvent.PayloadCase.MISSED)).isEmpty();
        driver.advance(Duration.ofMinutes(1));
        driver.settle();

        assertThat(driver.events(DeliveryEvent.PayloadCase.MISSED)).extracting(DeliveryEvent::getUserId)
                .containsExactly(users.get(1), users.get(2));
    }

    @Test
    void shouldRepeatRemindersEveryRepeatUntilTheDueTime() {
        WorkflowDefinition workflow = Campaigns.workflow(
                Campaigns.send("send", Map.of("completed", "remind")),
                Campaigns.reminder("remind", "PT1H", "PT3H30M", Map.of("completed", "end")));
        driver.createAndStart(CAMPAIGN, workflow, users);
        driver.settle();
        assertThat(reminderCounts(users.get(0))).containsExactly(1);

        driver.advance(Duration.ofHours(1));
        driver.settle();
        driver.ack(CAMPAIGN, users.get(0)); // after two reminders
        driver.advance(Duration.ofHours(1));
        driver.settle();
        driver.advance(Duration.ofHours(1));
        driver.settle();
        assertThat(driver.events(DeliveryEvent.PayloadCase.WORKFLOW_ENDED)).isEmpty();
        driver.advance(Duration.ofMinutes(30));
        driver.settle();

        assertThat(reminderCounts(users.get(0))).containsExactly(1, 2);
        assertThat(reminderCounts(users.get(1))).containsExactly(1, 2, 3, 4);
        assertThat(driver.pushes().stream().filter(p -> p.getUserId().equals(users.get(1)) && p.getReminder()))
                .extracting(PushRequest::getPushId).containsExactly(pushId(users.get(1), 1), pushId(users.get(1), 2),
                        pushId(users.get(1), 3), pushId(users.get(1), 4));
        DeliveryEvent completed = driver.events(DeliveryEvent.PayloadCase.STEP_COMPLETED).getLast();
        assertThat(completed.getStepCompleted().getStepId()).isEqualTo("remind");
        assertThat(completed.getOccurredAt().getSeconds()
                        - driver.events(DeliveryEvent.PayloadCase.STEP_ENTERED)
                                .getLast()
                                .getOccurredAt()
                                .getSeconds())
                .isEqualTo(Duration.ofMinutes(210).toSeconds());
        assertThat(driver.events().getLast().getPayloadCase()).isEqualTo(DeliveryEvent.PayloadCase.WORKFLOW_ENDED);
    }

    @Test
    void shouldStopRepeatingRemindersOnceEveryoneAcknowledged() {
        driver.createAndStart(CAMPAIGN, Campaigns.workflow(
                Campaigns.send("send", Map.of("completed", "remind")),
                Campaigns.reminder("remind", "PT1H", "PT5H", Map.of("completed", "end"))), users);
        driver.settle();

        users.forEach(u -> driver.ack(CAMPAIGN, u));
        driver.advance(Duration.ofHours(6));
        driver.settle();

        assertThat(driver.events(DeliveryEvent.PayloadCase.REMINDER_SENT)).hasSize(3);
        assertThat(driver.events(DeliveryEvent.PayloadCase.STEP_COMPLETED)
                        .getLast()
                        .getStepCompleted()
                        .getStepId())
                .isEqualTo("remind");
        assertThat(driver.events(DeliveryEvent.PayloadCase.STEP_COMPLETED).getLast().getOccurredAt())
                .isEqualTo(driver.events(DeliveryEvent.PayloadCase.ACKNOWLEDGED).getLast().getOccurredAt());
    }

    @Test
    void shouldAnnounceTheNextReminderWhenEnteringARepeatingStep() {
        driver.createAndStart(CAMPAIGN, Campaigns.workflow(
                Campaigns.send("send", Map.of("completed", "remind")),
                Campaigns.reminder("remind", "PT2H", "PT1H", Map.of())), users);
        driver.settle();

        DeliveryEvent entered = driver.events(DeliveryEvent.PayloadCase.STEP_ENTERED).getLast();
        assertThat(entered.getStepEntered().getWakeUpAt().getSeconds() - entered.getOccurredAt().getSeconds())
                .isEqualTo(Duration.ofHours(1).toSeconds()); // the next round (2h) is after the due time (1h)
        driver.advance(Duration.ofHours(1));
        driver.settle();
        assertThat(driver.events(DeliveryEvent.PayloadCase.REMINDER_SENT)).hasSize(3);
        assertThat(driver.events().getLast().getPayloadCase()).isEqualTo(DeliveryEvent.PayloadCase.WORKFLOW_ENDED);
    }

    private List<Integer> reminderCounts(String user) {
        return driver.events(DeliveryEvent.PayloadCase.REMINDER_SENT).stream().filter(e -> e.getUserId().equals(user))
                .map(e -> e.getReminderSent().getReminderCount()).toList();
    }

    private String pushId(String user, int n) {
        return Ids.pushId(Ids.deliveryId(CAMPAIGN, user), n);
    }
}
