package dev.pidgr.query.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import dev.pidgr.api.v1.DeliveryStatus;
import dev.pidgr.events.v1.ActionSubmitted;
import dev.pidgr.events.v1.DeliveryEvent;
import dev.pidgr.events.v1.DeliveryInteraction;
import dev.pidgr.events.v1.DeliveryMissed;
import dev.pidgr.events.v1.NotificationSent;
import dev.pidgr.events.v1.Read;
import dev.pidgr.events.v1.Received;
import dev.pidgr.events.v1.ReminderSent;
import dev.pidgr.events.v1.DeliveryReceipt;
import dev.pidgr.events.v1.ReceiptOutcome;
import dev.pidgr.workflow.delivery.DeliveryTransitions;
import dev.pidgr.workflow.delivery.ReceiptTransitions;
import dev.pidgr.workflow.state.DeliveryState;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The delivery state machine is written twice: the workflow processor decides each change
 * ({@link DeliveryTransitions}, on its store's {@link DeliveryState}) and publishes it as an event; the
 * query side folds those events into its delivery rows ({@code query.delivery.DeliveryTransitions}).
 * The modules stay independent, so this test holds them to one machine (docs/design.md, "Deliveries"):
 * for any sequence of what can happen to a delivery (the recipient's interactions, reminders, the
 * MARK_MISSED step, the channel gateway's receipts), the row the query side folds from the published
 * events has the workflow processor's status, read and acknowledgement times and reminders. Events
 * reach the query side at least once, so each is also folded a second time at random.
 *
 * <p>The interactions go through the workflow processor's own transition function; reminders and
 * missed marks are written inline in its SEND_REMINDER and MARK_MISSED steps, so the test applies
 * their rules (only an unacknowledged delivery is reminded; only a SENT or DELIVERED one is missed).
 */
class DeliveryStateMachinesAgreeTest {

    private static final String DELIVERY = "delivery-1";

    /** One thing that happens to a delivery; {@code twice}: its event reaches the query side twice. */
    record Happening(Kind kind, boolean twice) {
    }

    enum Kind { RECEIVED, READ, ACK, OTHER_ACTION, REMINDER, MISSED, NO_DEVICE, TARGET_FAILED, TARGET_ACCEPTED }

    @Property(tries = 2000)
    void shouldFoldThePublishedEventsIntoTheWorkflowProcessorsState(
            @ForAll("happenings") List<Happening> happenings) {
        DeliveryState state = DeliveryState.newBuilder().setStatus(DeliveryStatus.DELIVERY_STATUS_SENT).build();
        DeliveryRow row = dev.pidgr.query.delivery.DeliveryTransitions.apply(null, event(1_000).setNotificationSent(
                NotificationSent.getDefaultInstance()).build());
        long at = 1_000;

        for (Happening happening : happenings) {
            at += 1_000;
            Step step = decide(state, happening.kind(), at);
            state = step.next();
            for (DeliveryEvent published : step.published()) {
                row = dev.pidgr.query.delivery.DeliveryTransitions.apply(row, published);
                if (happening.twice()) {
                    row = dev.pidgr.query.delivery.DeliveryTransitions.apply(row, published);
                }
            }
        }

        assertThat(row.status()).isEqualTo(state.getStatus());
        assertThat(millis(row.readAt())).isEqualTo(state.getReadAt());
        assertThat(millis(row.acknowledgedAt())).isEqualTo(state.getAcknowledgedAt());
        assertThat(row.reminderCount()).isEqualTo(state.getReminderCount());
        assertThat(millis(row.lastRemindedAt())).isEqualTo(state.getLastRemindedAt());
    }

    @Provide
    Arbitrary<List<Happening>> happenings() {
        return Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.of(false, true)).as(Happening::new)
                .list().ofMaxSize(12);
    }

    /** The workflow processor's next state and the events it publishes. */
    private record Step(DeliveryState next, List<DeliveryEvent> published) {
    }

    private static Step decide(DeliveryState state, Kind kind, long at) {
        return switch (kind) {
            case RECEIVED ->
                interaction(state, DeliveryInteraction.newBuilder().setReceived(Received.getDefaultInstance()), at);
            case READ -> interaction(state, DeliveryInteraction.newBuilder().setRead(Read.getDefaultInstance()), at);
            case ACK ->
                interaction(
                        state,
                        DeliveryInteraction.newBuilder()
                                .setActionSubmitted(ActionSubmitted.newBuilder().setActionId(DeliveryTransitions.ACK)),
                        at);
            case OTHER_ACTION ->
                interaction(
                        state,
                        DeliveryInteraction.newBuilder()
                                .setActionSubmitted(ActionSubmitted.newBuilder().setActionId("open")),
                        at);
            case REMINDER -> reminder(state, at);
            case MISSED -> missed(state, at);
            case NO_DEVICE -> receipt(state, ReceiptOutcome.RECEIPT_OUTCOME_NO_DEVICE, 0, at);
            case TARGET_FAILED -> receipt(state, ReceiptOutcome.RECEIPT_OUTCOME_FAILED, 2, at);
            case TARGET_ACCEPTED -> receipt(state, ReceiptOutcome.RECEIPT_OUTCOME_ACCEPTED, 2, at);
        };
    }

    /** A receipt of the gateway for the notification's push, which had {@code targets} targets. */
    private static Step receipt(DeliveryState state, ReceiptOutcome outcome, int targets, long at) {
        DeliveryReceipt receipt = DeliveryReceipt.newBuilder().setPushId("push-0").setOutcome(outcome)
                .setTargets(targets).setReason(outcome == ReceiptOutcome.RECEIPT_OUTCOME_FAILED ? "SMTP 550" : "")
                .build();
        return ReceiptTransitions.apply(state, receipt)
                .map(result -> new Step(result.next(),
                        result.payload().map(payload -> List.of(event(at).mergeFrom(payload).build()))
                                .orElse(List.of())))
                .orElse(new Step(state, List.of()));
    }

    private static Step interaction(DeliveryState state, DeliveryInteraction.Builder interaction, long at) {
        return DeliveryTransitions.apply(state, interaction.build(), at, false)
                .map(change -> new Step(change.next(), List.of(event(at).mergeFrom(change.payload()).build())))
                .orElse(new Step(state, List.of()));
    }

    /** SEND_REMINDER's rule: every delivery not acknowledged gets the next reminder. */
    private static Step reminder(DeliveryState state, long at) {
        if (state.getStatus() == DeliveryStatus.DELIVERY_STATUS_ACKNOWLEDGED) {
            return new Step(state, List.of());
        }
        int number = state.getReminderCount() + 1;
        return new Step(
                state.toBuilder().setReminderCount(number).setLastRemindedAt(at).build(),
                List.of(event(at)
                        .setReminderSent(
                                ReminderSent.newBuilder().setStepId("remind").setReminderCount(number))
                        .build()));
    }

    /** MARK_MISSED's rule: a delivery still SENT or DELIVERED becomes MISSED. */
    private static Step missed(DeliveryState state, long at) {
        DeliveryStatus status = state.getStatus();
        if (status != DeliveryStatus.DELIVERY_STATUS_SENT && status != DeliveryStatus.DELIVERY_STATUS_DELIVERED) {
            return new Step(state, List.of());
        }
        return new Step(
                state.toBuilder()
                        .setStatus(DeliveryStatus.DELIVERY_STATUS_MISSED)
                        .build(),
                List.of(event(at)
                        .setMissed(DeliveryMissed.newBuilder().setStepId("miss").setPreviousStatus(status))
                        .build()));
    }

    private static DeliveryEvent.Builder event(long at) {
        return DeliveryEvent.newBuilder()
                .setDeliveryId(DELIVERY)
                .setCampaignId("campaign")
                .setOrganizationId("org")
                .setUserId("user")
                .setOccurredAt(Timestamp.newBuilder().setSeconds(at / 1000).setNanos((int) (at % 1000) * 1_000_000));
    }

    private static long millis(Instant instant) {
        return instant == null ? 0 : instant.toEpochMilli();
    }
}
