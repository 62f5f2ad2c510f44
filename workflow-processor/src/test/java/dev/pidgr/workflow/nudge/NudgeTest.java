package dev.pidgr.workflow.nudge;

import static dev.pidgr.workflow.step.StepFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pidgr.api.v1.DeliveryStatus;
import dev.pidgr.events.v1.CampaignCommand;
import dev.pidgr.events.v1.CampaignNudged;
import dev.pidgr.events.v1.DeliveryEvent;
import dev.pidgr.events.v1.DeliveryEvent.PayloadCase;
import dev.pidgr.events.v1.FinishNudge;
import dev.pidgr.events.v1.NudgeFinished;
import dev.pidgr.events.v1.NudgeSelected;
import dev.pidgr.events.v1.ReminderSent;
import dev.pidgr.workflow.Campaigns;
import dev.pidgr.workflow.step.StepFixture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Nudges (docs/workflow.md, "Nudges"): the selection of the moment a nudge is taken in, its count, its reminders at
 * the rate, the skipping of deliveries acknowledged meanwhile, and its stop by a cancel.
 */
class NudgeTest {

    private static final long NUDGE = 4; // the fixture's campaign is at event version 3
    private static final long LATER = T0 + 60_000;

    @Test
    void shouldRemindEverySentOrDeliveredDeliveryOnceByDefault() {
        StepFixture walk = running(List.of("ada", "bob", "cy", "dee"));
        walk.whenAcknowledged("cy", T0 + 1).whenReceived("dee", T0 + 1);

        walk.whenNudged(nudge(1_000), LATER).thenNudgeWakesAt(LATER).nudgeSettledAt(LATER).nudgeSettledAt(LATER + 10);

        assertThat(walk.events(PayloadCase.NUDGE_SELECTED)).extracting(DeliveryEvent::getNudgeSelected)
                .containsExactly(NudgeSelected.newBuilder().setNudge(NUDGE).setMatched(3).build());
        assertThat(reminded(walk)).containsExactly("ada", "bob", "dee");
        assertThat(walk.events(PayloadCase.REMINDER_SENT)).extracting(DeliveryEvent::getReminderSent)
                .extracting(ReminderSent::getStepId, ReminderSent::getReminderCount, ReminderSent::getNudge)
                .containsOnly(org.assertj.core.groups.Tuple.tuple("send", 1, NUDGE));
        assertThat(walk.pushes().stream().filter(p -> p.getReminder()).map(p -> p.getUserId()))
                .containsExactly("ada", "bob", "dee");
        assertThat(walk.deliveryOf("bob").getReminderCount()).isEqualTo(1);
        assertThat(walk.deliveryOf("bob").getLastRemindedAt()).isEqualTo(LATER + 10);
        assertThat(walk.events(PayloadCase.NUDGE_FINISHED)).extracting(DeliveryEvent::getNudgeFinished)
                .containsExactly(NudgeFinished.newBuilder().setNudge(NUDGE).setReminded(3).build());
        assertThat(walk.commands()).extracting(CampaignCommand::getFinishNudge)
                .containsExactly(FinishNudge.newBuilder().setNudge(NUDGE).setReminded(3).build());
        assertThat(walk.run().cursor().hasNudge()).isFalse();
    }

    @Test
    void shouldPaceRemindersAtTheRate() {
        StepFixture walk = running(List.of("ada", "bob", "cy", "dee", "eve"));

        walk.whenNudged(nudge(4), LATER).nudgeSettledAt(LATER).thenNudgeWakesAt(LATER + 250);
        walk.whenNudgeWoken(LATER + 249);
        assertThat(reminded(walk)).containsExactly("ada");
        for (long t = LATER + 250; t <= LATER + 1_000; t += 250) {
            walk.thenNudgeWakesAt(t).nudgeSettledAt(t);
        }

        assertThat(walk.events(PayloadCase.REMINDER_SENT)).extracting(e -> e.getOccurredAt().getNanos() / 1_000_000)
                .containsExactly(0, 250, 500, 750, 0);
        assertThat(walk.events(PayloadCase.NUDGE_FINISHED)).hasSize(1);
        walk.thenNudgeWakesAt(0);
    }

    @Test
    void shouldStartThePaceAtTheFirstRemindingWakeUpNotAtTheEndOfTheCount() {
        StepFixture walk = running(List.of("ada", "bob", "cy", "dee", "eve"));
        walk.whenNudged(nudge(4), LATER).whenNudgeWoken(LATER).whenNudgeWoken(LATER).whenNudgeWoken(LATER);
        walk.thenEmitted(PayloadCase.NUDGE_SELECTED).thenNudgeWakesAt(LATER);

        walk.whenNudgeWoken(LATER + 600);

        assertThat(reminded(walk)).containsExactly("ada");
        walk.thenNudgeWakesAt(LATER + 850);
    }

    @Test
    void shouldCatchUpAtMostOneSecondsWorthAfterAStall() {
        StepFixture walk = running(List.of("ada", "bob", "cy", "dee", "eve", "fay", "gus", "hal"));
        walk.whenNudged(nudge(4), LATER).nudgeSettledAt(LATER);
        assertThat(reminded(walk)).containsExactly("ada");

        walk.nudgeSettledAt(LATER + 10_000); // the processor was down for ten seconds

        assertThat(reminded(walk)).containsExactly("ada", "bob", "cy", "dee", "eve");
        walk.thenNudgeWakesAt(LATER + 10_000 + 250);
    }

    @Test
    void shouldSkipDeliveriesAcknowledgedOrMissedBeforeTheirTurn() {
        StepFixture walk = running(List.of("ada", "bob", "cy"));

        walk.whenNudged(nudge(1), LATER).nudgeSettledAt(LATER);
        walk.whenAcknowledged("bob", LATER + 500).nudgeSettledAt(LATER + 5_000);

        assertThat(reminded(walk)).containsExactly("ada", "cy");
        assertThat(walk.events(PayloadCase.NUDGE_FINISHED).getFirst().getNudgeFinished())
                .isEqualTo(NudgeFinished.newBuilder().setNudge(NUDGE).setReminded(2).setSkipped(1).build());
    }

    @Test
    void shouldKeepTheSelectionOfTheMomentTheNudgeWasTakenIn() {
        StepFixture walk = running(List.of("ada", "bob", "cy"));
        walk.whenReceived("ada", T0 + 1).whenReceived("cy", T0 + 1).whenRead("cy", T0 + 2);

        walk.whenNudged(nudge(1_000).clearStatuses().addStatuses(DeliveryStatus.DELIVERY_STATUS_DELIVERED)
                .setUnreadOnly(true), LATER);
        walk.whenReceived("bob", LATER + 1).whenRead("ada", LATER + 1).nudgeSettledAt(LATER + 10);

        assertThat(walk.events(PayloadCase.NUDGE_SELECTED).getFirst().getNudgeSelected().getMatched()).isEqualTo(1);
        assertThat(reminded(walk)).containsExactly("ada");
    }

    @Test
    void shouldSelectOnlyTheMembersTheFanOutHadReached() {
        StepFixture walk = StepFixture.given(Campaigns.send("send", Map.of("completed", "wait")),
                        Campaigns.deadline("wait", "72h", Map.of()))
                .audience(List.of("ada", "bob", "cy", "dee")).batches(2, 1 << 20).whenStarted(T0);
        while (walk.events(PayloadCase.NOTIFICATION_SENT).size() < 2) {
            walk.whenWoken(T0);
        }
        assertThat(walk.events(PayloadCase.NOTIFICATION_SENT)).hasSize(2);

        walk.whenNudged(nudge(1_000), T0).settledAt(T0).nudgeSettledAt(T0 + 10).nudgeSettledAt(T0 + 20);

        assertThat(walk.events(PayloadCase.NOTIFICATION_SENT)).hasSize(4);
        assertThat(reminded(walk)).containsExactly("ada", "bob");
    }

    @Test
    void shouldRemindNoMoreOnceTheCampaignIsCancelled() {
        StepFixture walk = running(List.of("ada", "bob", "cy"));
        walk.whenNudged(nudge(1), LATER).nudgeSettledAt(LATER);

        walk.whenCancelled(LATER + 10).nudgeSettledAt(LATER + 10_000).settledAt(LATER + 10_000);

        assertThat(reminded(walk)).containsExactly("ada");
        assertThat(walk.events().getLast().getPayloadCase()).isEqualTo(PayloadCase.REMINDER_SENT);
        assertThat(walk.run().cursor().hasNudge()).isFalse();
        assertThat(walk.commands()).isEmpty();
    }

    @Test
    void shouldRecordTheRemindersUnderTheStepAskedFor() {
        StepFixture walk = running(List.of("ada"));

        walk.whenNudged(nudge(1_000).setMessageStepId("nag"), LATER).nudgeSettledAt(LATER);

        assertThat(walk.events(PayloadCase.REMINDER_SENT).getFirst().getReminderSent().getStepId()).isEqualTo("nag");
    }

    @Test
    void shouldSelectNothingAfterTheWalkStopped() {
        StepFixture walk = running(List.of("ada"));
        walk.whenCancelled(LATER);

        walk.whenNudged(nudge(1_000), LATER + 1).thenNudgeWakesAt(0);

        walk.thenEmitted(PayloadCase.NUDGE_SELECTED, PayloadCase.NUDGE_FINISHED);
        assertThat(walk.events(PayloadCase.NUDGE_SELECTED).getFirst().getNudgeSelected().getMatched()).isZero();
    }

    @Test
    void shouldFinishAtOnceWhenNothingMatches() {
        StepFixture walk = running(List.of("ada"));
        walk.whenAcknowledged("ada", T0 + 1);

        walk.whenNudged(nudge(1_000), LATER).nudgeSettledAt(LATER);

        assertThat(walk.commands()).extracting(CampaignCommand::getFinishNudge)
                .containsExactly(FinishNudge.newBuilder().setNudge(NUDGE).build());
        walk.thenNudgeWakesAt(0);
    }

    /** A campaign whose notification went to every user, its walk sleeping in a 72 h deadline. */
    private static StepFixture running(List<String> users) {
        return StepFixture.given(Campaigns.send("send", Map.of("completed", "wait")),
                        Campaigns.deadline("wait", "72h", Map.of("completed", "nag")),
                        Campaigns.reminder("nag", "", "", Map.of()))
                .audience(users).batches(2, 1 << 20).whenStarted(T0).settledAt(T0);
    }

    private static CampaignNudged.Builder nudge(int rate) {
        return CampaignNudged.newBuilder().addStatuses(DeliveryStatus.DELIVERY_STATUS_SENT)
                .addStatuses(DeliveryStatus.DELIVERY_STATUS_DELIVERED).setRatePerSecond(rate);
    }

    private static List<String> reminded(StepFixture walk) {
        return walk.events(PayloadCase.REMINDER_SENT).stream().map(DeliveryEvent::getUserId).toList();
    }
}
