package dev.pidgr.query.delivery;

import static dev.pidgr.api.v1.DeliveryStatus.DELIVERY_STATUS_MISSED;
import static dev.pidgr.api.v1.DeliveryStatus.DELIVERY_STATUS_SENT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pidgr.api.v1.DeliveryStatus;
import dev.pidgr.query.inbox.InboxKey;
import dev.pidgr.query.support.RunStream;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeliveryBatchFoldTest {

    private static final Instant T = Instant.parse("2026-11-30T08:00:00Z");
    private final RunStream run = new RunStream("org", "c1");

    @Test
    void shouldMoveOneFromMissedToAcknowledgedOnALateAck() {
        DeliveryRow missed = DeliveryRow.sent(run.deliveryId("u1"), "c1", "org", "u1", T, new byte[0])
                .withStatus(DELIVERY_STATUS_MISSED);
        RunStream later = new RunStream("org", "c1").after(3);
        DeliveryBatchFold fold = new DeliveryBatchFold(Map.of("c1", new RunState("c1", "org", 3, "", null, null)),
                Map.of(missed.id(), missed), Map.of());

        fold.apply(later.acknowledged("u1", DELIVERY_STATUS_MISSED, T.plusSeconds(60)));

        DeliveryBatchFold.RunChange change = fold.result().runs().getFirst();
        assertThat(change.delta()).isEqualTo(new Counts(0, 0, 0, 1, -1, 0, 0, 0));
        assertThat(fold.result().deliveries().getFirst().status())
                .isEqualTo(DeliveryStatus.DELIVERY_STATUS_ACKNOWLEDGED);
    }

    @Test
    void shouldSkipEventsNotNewerThanTheRun() {
        var sent = run.sent("u1", T);
        DeliveryBatchFold fold = new DeliveryBatchFold(Map.of("c1", new RunState("c1", "org", 1, "", null, null)),
                Map.of(), Map.of());

        assertThat(fold.apply(sent)).isEqualTo(DeliveryBatchFold.Outcome.ALREADY_APPLIED);
        assertThat(fold.result().deliveries()).isEmpty();
        assertThat(fold.result().runs()).isEmpty();
    }

    @Test
    void shouldGiveEveryInboxChangeItsOwnTime() {
        RunStream other = new RunStream("org", "c2");
        DeliveryBatchFold fold = new DeliveryBatchFold(Map.of(), Map.of(), Map.of(new InboxKey("org", "u1"), T));

        fold.apply(run.sent("u1", T));
        fold.apply(other.sent("u1", T));
        fold.apply(run.read("u1", T));

        assertThat(fold.result().deliveries()).extracting(DeliveryRow::inboxChangedAt)
                .containsExactlyInAnyOrder(T.plusNanos(3_000), T.plusNanos(2_000));
    }

    @Test
    void shouldLeaveTheInboxTimeAloneOnAReminder() {
        DeliveryBatchFold fold = new DeliveryBatchFold(Map.of(), Map.of(), Map.of());

        fold.apply(run.sent("u1", T));
        fold.apply(run.reminded("u1", 1, T.plusSeconds(10)));

        DeliveryRow row = fold.result().deliveries().getFirst();
        assertThat(row.inboxChangedAt()).isEqualTo(T);
        assertThat(row.reminderCount()).isEqualTo(1);
        assertThat(row.lastRemindedAt()).isEqualTo(T.plusSeconds(10));
        assertThat(row.status()).isEqualTo(DELIVERY_STATUS_SENT);
    }

    @Test
    void shouldCountEachFirstTimeInTheSlotsOfItsMomentAtEveryGranularity() {
        DeliveryBatchFold fold = new DeliveryBatchFold(Map.of(), Map.of(), Map.of());

        fold.apply(run.sent("u1", T));
        fold.apply(run.sent("u2", T.plusMillis(400)));
        fold.apply(run.received("u1", T.plusSeconds(61)));
        fold.apply(run.read("u1", T.plusSeconds(61)));
        fold.apply(run.read("u1", T.plusSeconds(90)));
        fold.apply(run.acknowledged("u1", DELIVERY_STATUS_SENT, T.plusSeconds(3_700)));

        Map<TimelineSlot, TimelineCounts> timeline = fold.result().timeline();
        assertThat(timeline.get(TimelineSlot.of("org", "c1", 1, T))).isEqualTo(new TimelineCounts(2, 0, 0, 0, 0, 0));
        assertThat(timeline.get(TimelineSlot.of("org", "c1", 1, T.plusSeconds(61))))
                .as("read once: the second read is no first time").isEqualTo(new TimelineCounts(0, 1, 1, 0, 0, 0));
        assertThat(timeline.get(TimelineSlot.of("org", "c1", 60, T))).isEqualTo(new TimelineCounts(2, 0, 0, 0, 0, 0));
        assertThat(timeline.get(TimelineSlot.of("org", "c1", 60, T.plusSeconds(60))))
                .isEqualTo(new TimelineCounts(0, 1, 1, 0, 0, 0));
        assertThat(timeline.get(TimelineSlot.of("org", "c1", 3600, T))).isEqualTo(new TimelineCounts(2, 1, 1, 0, 0, 0));
        assertThat(timeline.get(TimelineSlot.of("org", "c1", 3600, T.plusSeconds(3_700))))
                .isEqualTo(new TimelineCounts(0, 0, 0, 1, 0, 0));
        assertThat(timeline).as("1 s: T, T+61, T+3700; 1 min: T, T+60, T+3660; 1 h: T, T+3600").hasSize(3 + 3 + 2);
    }

    @Test
    void shouldCountAReminderAtItsTimeAndALateAckAfterMissed() {
        DeliveryRow sent = DeliveryRow.sent(run.deliveryId("u1"), "c1", "org", "u1", T, new byte[0]);
        DeliveryBatchFold fold = new DeliveryBatchFold(Map.of("c1", new RunState("c1", "org", 1, "", null, null)),
                Map.of(sent.id(), sent), Map.of());
        RunStream later = new RunStream("org", "c1").after(1);

        fold.apply(later.reminded("u1", 1, T.plusSeconds(10)));
        fold.apply(later.missed("u1", DELIVERY_STATUS_SENT, T.plusSeconds(20)));
        fold.apply(later.acknowledged("u1", DELIVERY_STATUS_MISSED, T.plusSeconds(30)));

        Map<TimelineSlot, TimelineCounts> timeline = fold.result().timeline();
        assertThat(timeline.get(TimelineSlot.of("org", "c1", 1, T.plusSeconds(10))))
                .isEqualTo(new TimelineCounts(0, 0, 0, 0, 0, 1));
        assertThat(timeline.get(TimelineSlot.of("org", "c1", 1, T.plusSeconds(20))))
                .isEqualTo(new TimelineCounts(0, 0, 0, 0, 1, 0));
        assertThat(timeline.get(TimelineSlot.of("org", "c1", 1, T.plusSeconds(30))))
                .isEqualTo(new TimelineCounts(0, 0, 0, 1, 0, 0));
        assertThat(timeline.get(TimelineSlot.of("org", "c1", 60, T))).isEqualTo(new TimelineCounts(0, 0, 0, 1, 1, 1));
    }

    @Test
    void shouldAddNothingToTheTimelineForAnEventAlreadyApplied() {
        DeliveryBatchFold fold = new DeliveryBatchFold(Map.of("c1", new RunState("c1", "org", 1, "", null, null)),
                Map.of(), Map.of());

        fold.apply(run.sent("u1", T));

        assertThat(fold.result().timeline()).isEmpty();
    }
}
