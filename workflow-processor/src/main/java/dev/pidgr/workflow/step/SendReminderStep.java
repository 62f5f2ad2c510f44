package dev.pidgr.workflow.step;

import com.google.protobuf.util.Timestamps;
import dev.pidgr.api.v1.DeliveryStatus;
import dev.pidgr.api.v1.WorkflowStep;
import dev.pidgr.events.v1.PushRequest;
import dev.pidgr.events.v1.ReminderSent;
import dev.pidgr.workflow.delivery.Deliveries;
import dev.pidgr.workflow.kafka.Outbox;
import dev.pidgr.workflow.kafka.Uuid5;
import dev.pidgr.workflow.render.MessageTemplate;
import dev.pidgr.workflow.run.Run;
import dev.pidgr.workflow.run.StepRunner;
import dev.pidgr.workflow.run.WalkRules;
import dev.pidgr.workflow.state.DeliveryState;
import dev.pidgr.workflow.state.StepState;
import dev.pidgr.workflow.template.StepMessages;
import dev.pidgr.workflow.timer.WakeUps;
import java.util.List;
import java.util.Optional;

/**
 * SEND_REMINDER: a round re-notifies every recipient who has not acknowledged (a push marked as
 * reminder n, reminder_count n), in batches bounded in members, bytes and time ({@link Batches}).
 * The first round starts on entry; with repeat and due_time, rounds start every {@code repeat}
 * after entry while before the due time, and the step completes at the due time, or as soon as
 * everyone has acknowledged. Without them it completes after its one round.
 */
public final class SendReminderStep implements StepRunner {

    private final Deliveries deliveries;
    private final StepMessages messages;
    private final WakeUps wakeUps;
    private final Outbox outbox;
    private final Batches batches;

    public SendReminderStep(Deliveries deliveries, StepMessages messages, WakeUps wakeUps, Outbox outbox, Batches batches) {
        this.deliveries = deliveries;
        this.messages = messages;
        this.wakeUps = wakeUps;
        this.outbox = outbox;
        this.batches = batches;
    }

    @Override
    public Entered enter(Run run, WorkflowStep step, long now) {
        Optional<WalkRules.Repetition> repetition = WalkRules.repetition(step);
        startRound(run, now);
        long sleepsUntil = repetition
                .map(r -> WalkRules.nextRoundAt(now, 1, r).orElse(WalkRules.dueAt(now, r)))
                .orElse(0L);
        return Entered.sleepingUntil(sleepsUntil);
    }

    @Override
    public Optional<String> wake(Run run, WorkflowStep step, long now) {
        StepState.Builder state = run.cursor().getStepBuilder();
        if (state.getScanning()) {
            if (!remindBatch(run, step, now)) {
                wakeUps.schedule(run, now);
                return Optional.empty();
            }
            state.setScanning(false);
            return afterRound(run, step, now);
        }
        Optional<WalkRules.Repetition> repetition = WalkRules.repetition(step);
        if (repetition.isEmpty() || now >= WalkRules.dueAt(state.getEnteredAt(), repetition.get())) {
            return Optional.of(WalkRules.COMPLETED);
        }
        Optional<Long> nextRound = WalkRules.nextRoundAt(state.getEnteredAt(), state.getRound(), repetition.get());
        if (nextRound.isPresent() && now >= nextRound.get()) {
            startRound(run, now);
            return wake(run, step, now);
        }
        wakeUps.schedule(run, nextRound.orElse(WalkRules.dueAt(state.getEnteredAt(), repetition.get())));
        return Optional.empty();
    }

    private void startRound(Run run, long now) {
        StepState.Builder state = run.cursor().getStepBuilder();
        state.setRound(state.getRound() + 1).setScanning(true).setScanAfter("");
        wakeUps.schedule(run, now);
    }

    private Optional<String> afterRound(Run run, WorkflowStep step, long now) {
        Optional<WalkRules.Repetition> repetition = WalkRules.repetition(step);
        if (repetition.isEmpty() || WalkRules.allAcknowledged(run.cursor().getCounts(), run.cursor().getAudienceSize())) {
            return Optional.of(WalkRules.COMPLETED);
        }
        StepState.Builder state = run.cursor().getStepBuilder();
        long dueAt = WalkRules.dueAt(state.getEnteredAt(), repetition.get());
        Optional<Long> nextRound = WalkRules.nextRoundAt(state.getEnteredAt(), state.getRound(), repetition.get());
        if (nextRound.isEmpty() && now >= dueAt) {
            return Optional.of(WalkRules.COMPLETED);
        }
        wakeUps.schedule(run, Math.max(now, nextRound.orElse(dueAt)));
        return Optional.empty();
    }

    /** Reminds the next batch of the round (bounded by {@link Batches}); true when the round is done. */
    private boolean remindBatch(Run run, WorkflowStep step, long now) {
        StepState.Builder state = run.cursor().getStepBuilder();
        List<Deliveries.Entry> page = deliveries.page(run, state.getScanAfter(), batches.members());
        int taken = 0;
        if (!page.isEmpty()) {
            WorkflowStep sendStep = WalkRules.step(run.spec().getWorkflow(), run.cursor().getFanOut().getStepId());
            MessageTemplate template = messages.of(run, sendStep);
            PushRequest prototype = PushRequest.newBuilder().setOrganizationId(run.spec().getOrganizationId())
                    .setCampaignId(run.campaignId()).setRequestedAt(Timestamps.fromMillis(now)).build();
            long written = 0;
            for (Deliveries.Entry entry : page) {
                if (!batches.more(taken, written)) {
                    break;
                }
                if (entry.state().getStatus() != DeliveryStatus.DELIVERY_STATUS_ACKNOWLEDGED) {
                    written += remind(run, step, template, prototype, entry, now);
                }
                taken++;
            }
            state.setScanAfter(page.get(taken - 1).userId());
        }
        return taken == page.size() && page.size() < batches.members();
    }

    /** Sends one reminder; the size of what it wrote. */
    private int remind(Run run, WorkflowStep step, MessageTemplate template, PushRequest prototype,
                       Deliveries.Entry entry, long now) {
        int number = entry.state().getReminderCount() + 1;
        DeliveryState reminded = entry.state().toBuilder().setReminderCount(number).setLastRemindedAt(now).build();
        deliveries.put(run.campaignId(), entry.userId(), reminded);
        String deliveryId = Uuid5.deliveryId(run.campaignId(), entry.userId());
        String pushId = Uuid5.pushId(deliveryId, number);
        MessageTemplate.Rendered rendered = template.render(entry.member().getVariablesMap());
        outbox.deliveryEvent(run.nextEvent(now, step.getId(), Run.SYSTEM)
                .setDeliveryId(deliveryId)
                .setUserId(entry.userId())
                .setReminderSent(ReminderSent.newBuilder().setStepId(step.getId()).setReminderCount(number).setPushId(pushId))
                .build(), now);
        outbox.push(Pushes.of(prototype, pushId, entry.userId(), deliveryId, rendered, number), now);
        return rendered.title().length() + rendered.summary().length() + 256;
    }
}
