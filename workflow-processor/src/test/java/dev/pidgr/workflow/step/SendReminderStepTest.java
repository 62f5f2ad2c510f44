package dev.pidgr.workflow.step;

import static dev.pidgr.workflow.step.StepFixture.CAMPAIGN;
import static dev.pidgr.workflow.step.StepFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pidgr.contract.Ids;
import dev.pidgr.events.v1.DeliveryEvent;
import dev.pidgr.events.v1.DeliveryEvent.PayloadCase;
import dev.pidgr.events.v1.PushRequest;
import dev.pidgr.workflow.Campaigns;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SEND_REMINDER: its rounds, their repetition until the due time, and its end once everyone acknowledged. */
class SendReminderStepTest {

    private static final long HOUR = Duration.ofHours(1).toMillis();
    private final List<String> users = Campaigns.users(3);

    @Test
    void shouldRepeatRemindersEveryRepeatUntilTheDueTime() {
        StepFixture walk = StepFixture.given(
                        Campaigns.send("send", Map.of("completed", "remind")),
                        Campaigns.reminder("remind", "PT1H", "PT3H30M", Map.of("completed", "end")))
                .audience(users).whenStarted(T0).settledAt(T0);
        assertThat(reminderCounts(walk, users.get(0))).containsExactly(1);

        walk.settledAt(T0 + HOUR);
        walk.whenAcknowledged(users.get(0), T0 + HOUR + 1); // after two reminders
        walk.settledAt(T0 + 2 * HOUR).settledAt(T0 + 3 * HOUR);
        assertThat(walk.events(PayloadCase.WORKFLOW_ENDED)).isEmpty();
        walk.settledAt(T0 + 3 * HOUR + HOUR / 2);

        assertThat(reminderCounts(walk, users.get(0))).containsExactly(1, 2);
        assertThat(reminderCounts(walk, users.get(1))).containsExactly(1, 2, 3, 4);
        assertThat(walk.pushes().stream().filter(p -> p.getUserId().equals(users.get(1)) && p.getReminder()))
                .extracting(PushRequest::getPushId).containsExactly(pushId(users.get(1), 1), pushId(users.get(1), 2),
                        pushId(users.get(1), 3), pushId(users.get(1), 4));
        DeliveryEvent completed = walk.events(PayloadCase.STEP_COMPLETED).getLast();
        assertThat(completed.getStepCompleted().getStepId()).isEqualTo("remind");
        assertThat(completed.getOccurredAt().getSeconds() - walk.events(PayloadCase.STEP_ENTERED).getLast()
                .getOccurredAt().getSeconds()).isEqualTo(Duration.ofMinutes(210).toSeconds());
        assertThat(walk.events().getLast().getPayloadCase()).isEqualTo(PayloadCase.WORKFLOW_ENDED);
    }

    @Test
    void shouldStopRepeatingRemindersOnceEveryoneAcknowledged() {
        StepFixture walk = StepFixture.given(
                        Campaigns.send("send", Map.of("completed", "remind")),
                        Campaigns.reminder("remind", "PT1H", "PT5H", Map.of("completed", "end")))
                .audience(users).whenStarted(T0).settledAt(T0);

        users.forEach(u -> walk.whenAcknowledged(u, T0 + 1));
        walk.settledAt(T0 + 6 * HOUR);

        assertThat(walk.events(PayloadCase.REMINDER_SENT)).hasSize(3);
        assertThat(walk.events(PayloadCase.STEP_COMPLETED).getLast().getStepCompleted().getStepId())
                .isEqualTo("remind");
        assertThat(walk.events(PayloadCase.STEP_COMPLETED).getLast().getOccurredAt())
                .isEqualTo(walk.events(PayloadCase.ACKNOWLEDGED).getLast().getOccurredAt());
    }

    @Test
    void shouldAnnounceTheNextReminderWhenEnteringARepeatingStep() {
        StepFixture walk = StepFixture.given(
                        Campaigns.send("send", Map.of("completed", "remind")),
                        Campaigns.reminder("remind", "PT2H", "PT1H", Map.of()))
                .audience(users).whenStarted(T0).settledAt(T0);

        DeliveryEvent entered = walk.events(PayloadCase.STEP_ENTERED).getLast();
        assertThat(entered.getStepEntered().getWakeUpAt().getSeconds() - entered.getOccurredAt().getSeconds())
                .isEqualTo(Duration.ofHours(1).toSeconds()); // the next round (2h) is after the due time (1h)
        walk.settledAt(T0 + HOUR);
        assertThat(walk.events(PayloadCase.REMINDER_SENT)).hasSize(3);
        assertThat(walk.events().getLast().getPayloadCase()).isEqualTo(PayloadCase.WORKFLOW_ENDED);
    }

    @Test
    void shouldRemindOnlyWhoHasNotAcknowledgedAndRecordTheCount() {
        StepFixture walk = StepFixture.given(Campaigns.send("send", Map.of("completed", "remind")),
                        Campaigns.reminder("remind", "", "", Map.of()))
                .audience(users).sentToAll("send", T0).acknowledged(users.get(1)).batches(10, 1024 * 1024)
                .whenEntered("remind", T0 + HOUR);

        walk.whenWoken(T0 + HOUR);

        walk.thenEmitted(PayloadCase.REMINDER_SENT, PayloadCase.REMINDER_SENT, PayloadCase.STEP_COMPLETED,
                PayloadCase.WORKFLOW_ENDED);
        assertThat(walk.events(PayloadCase.REMINDER_SENT)).extracting(DeliveryEvent::getUserId)
                .containsExactly(users.get(0), users.get(2));
        assertThat(walk.pushes()).extracting(PushRequest::getReminderNumber).containsExactly(1, 1);
        assertThat(walk.pushes().getFirst().getTitle()).isEqualTo("Hello N" + users.get(0));
        assertThat(walk.stores.deliveries.get(users.get(2)).getReminderCount()).isEqualTo(1);
        assertThat(walk.stores.deliveries.get(users.get(2)).getLastRemindedAt()).isEqualTo(T0 + HOUR);
    }

    @Test
    void shouldEndAReminderBatchEarlyOnceThePunctuationsTimeIsSpent() {
        List<String> ten = Campaigns.users(10);
        StepFixture walk = StepFixture.given(Campaigns.send("send", Map.of("completed", "remind")),
                        Campaigns.reminder("remind", "", "", Map.of()))
                .audience(ten).sentToAll("send", T0).batches(1000, 1024 * 1024)
                .clockMovesPerReading(Duration.ofMillis(60)).whenEntered("remind", T0);

        walk.whenWoken(T0);

        assertThat(walk.events(PayloadCase.REMINDER_SENT)).as("60, 120, 180 ms: a fourth would start past 200")
                .hasSize(3);
        walk.settledAt(T0);
        assertThat(walk.events(PayloadCase.REMINDER_SENT)).extracting(DeliveryEvent::getUserId)
                .containsExactlyElementsOf(ten);
    }

    private static List<Integer> reminderCounts(StepFixture walk, String user) {
        return walk.events(PayloadCase.REMINDER_SENT).stream().filter(e -> e.getUserId().equals(user))
                .map(e -> e.getReminderSent().getReminderCount()).toList();
    }

    private static String pushId(String user, int n) {
        return Ids.pushId(Ids.deliveryId(CAMPAIGN, user), n);
    }
}
