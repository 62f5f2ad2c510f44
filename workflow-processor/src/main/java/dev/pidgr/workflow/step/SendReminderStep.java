package dev.pidgr.workflow.step;

import dev.pidgr.api.v1.DeliveryStatus;
import dev.pidgr.api.v1.WorkflowStep;
import dev.pidgr.contract.render.MessageTemplate;
import dev.pidgr.contract.step.Outcome;
import dev.pidgr.contract.step.TimingRules.Repetition;
import dev.pidgr.events.v1.PushRequest;
import dev.pidgr.workflow.run.Decision;
import dev.pidgr.workflow.run.Effects;
import dev.pidgr.workflow.run.Run;
import dev.pidgr.workflow.run.StepCall;
import dev.pidgr.workflow.run.StepDecision;
import dev.pidgr.workflow.run.StepRunner;
import dev.pidgr.workflow.run.WalkRules;
import dev.pidgr.workflow.state.Cursor;
import dev.pidgr.workflow.state.StepState;
import java.util.List;
import java.util.Optional;

/**
 * SEND_REMINDER: a round re-notifies every recipient who has not acknowledged (a push marked as reminder n,
 * reminder_count n), in batches bounded in members, bytes and time ({@link Batches}). The first round starts on
 * entry; with repeat and due_time, rounds start every {@code repeat} after entry while before the due time, and
 * the step completes at the due time, or as soon as everyone has acknowledged. Without them it completes after its
 * one round.
 */
final class SendReminderStep implements StepRunner {

    private final Batches batches;

    SendReminderStep(Batches batches) {
        this.batches = batches;
    }

    /** Starts the first round at once; StepEntered announces the next round, or the due time. */
    @Override
    public StepDecision enter(StepCall call) {
        Optional<Repetition> repetition = WalkRules.repetition(call.step());
        long announced = repetition.map(r -> WalkRules.nextRoundAt(call.now(), 1, r)
                .orElse(WalkRules.dueAt(call.now(), r))).orElse(0L);
        return StepDecision.wakeAt(startRound(call.run()), call.now()).announcing(announced);
    }

    @Override
    public StepDecision wake(StepCall call) {
        if (call.state().getScanning()) {
            return remindBatch(call);
        }
        Optional<Repetition> repetition = WalkRules.repetition(call.step());
        long enteredAt = call.state().getEnteredAt();
        if (repetition.isEmpty() || call.now() >= WalkRules.dueAt(enteredAt, repetition.get())) {
            return StepDecision.finished(call.run(), Outcome.COMPLETED);
        }
        Optional<Long> nextRound = WalkRules.nextRoundAt(enteredAt, call.state().getRound(), repetition.get());
        if (nextRound.isPresent() && call.now() >= nextRound.get()) {
            return remindBatch(new StepCall(startRound(call.run()), call.step(), call.now(), call.reads()));
        }
        return StepDecision.wakeAt(call.run(), nextRound.orElse(WalkRules.dueAt(enteredAt, repetition.get())));
    }

    /** Everyone acknowledged: nobody is left to remind. */
    @Override
    public Optional<Outcome> everyoneAcknowledged(StepCall call) {
        return Optional.of(Outcome.COMPLETED);
    }

    private static Run startRound(Run run) {
        StepState step = run.cursor().getStep();
        return run.with(run.cursor().toBuilder().setStep(step.toBuilder().setRound(step.getRound() + 1)
                .setScanning(true).setScanAfter("")).build());
    }

    /**
     * Reminds the next batch of the round. A member whose message fails to render ends the batch: the members
     * before are reminded and accounted, then the walk fails.
     */
    private StepDecision remindBatch(StepCall call) {
        Run run = call.run();
        List<Sweeps.Entry> page = Sweeps.page(run, call.reads(), call.state().getScanAfter(), batches.members());
        Effects effects = new Effects(run);
        int taken = 0;
        Throwable failure = null;
        if (!page.isEmpty()) {
            WorkflowStep sendStep = WalkRules.step(run.spec().getWorkflow(), run.cursor().getFanOut().getStepId());
            MessageTemplate template = call.reads().message(run, sendStep);
            PushRequest prototype = Reminders.prototype(run, call.now());
            long written = 0;
            for (Sweeps.Entry entry : page) {
                if (!batches.more(taken, written)) {
                    break;
                }
                if (entry.state().getStatus() != DeliveryStatus.DELIVERY_STATUS_ACKNOWLEDGED) {
                    try {
                        written += remind(call, effects, template, prototype, entry);
                    } catch (Throwable e) {
                        failure = e;
                        break;
                    }
                }
                taken++;
            }
        }
        Cursor.Builder cursor = run.cursor().toBuilder();
        if (taken > 0) {
            cursor.getStepBuilder().setScanAfter(page.get(taken - 1).userId());
        }
        if (failure != null) {
            return StepDecision.failed(effects.decide(cursor), failure);
        }
        if (taken < page.size() || page.size() == batches.members()) {
            return StepDecision.wakeAt(effects.decide(cursor), call.now());
        }
        cursor.getStepBuilder().setScanning(false);
        return afterRound(call, effects.decide(cursor));
    }

    /** The round is done: the step completes, or sleeps until the next round or its due time. */
    private static StepDecision afterRound(StepCall call, Decision round) {
        Optional<Repetition> repetition = WalkRules.repetition(call.step());
        Run run = round.run();
        boolean everyone = WalkRules.allAcknowledged(run.cursor().getCounts(), run.cursor().getAudienceSize());
        if (repetition.isEmpty() || everyone) {
            return StepDecision.finished(round, Outcome.COMPLETED);
        }
        long enteredAt = run.cursor().getStep().getEnteredAt();
        long dueAt = WalkRules.dueAt(enteredAt, repetition.get());
        int rounds = run.cursor().getStep().getRound();
        Optional<Long> nextRound = WalkRules.nextRoundAt(enteredAt, rounds, repetition.get());
        if (nextRound.isEmpty() && call.now() >= dueAt) {
            return StepDecision.finished(round, Outcome.COMPLETED);
        }
        return StepDecision.wakeAt(round, Math.max(call.now(), nextRound.orElse(dueAt)));
    }

    /** Sends one reminder; the size of what it wrote. */
    private static int remind(StepCall call, Effects effects, MessageTemplate template, PushRequest prototype,
                              Sweeps.Entry entry) {
        return Reminders.send(effects, new Reminders.Reminder(call.run().campaignId(), call.step().getId(), 0,
                call.now()), template, prototype, entry.userId(), entry.member(), entry.state());
    }
}
